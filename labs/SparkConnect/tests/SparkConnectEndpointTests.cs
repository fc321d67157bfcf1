namespace StatelessMind.SparkConnect.Tests;

/// <summary>Spark's connection string: sc://host[:port][/;param=value;…], as SPARK_REMOTE holds it.</summary>
public sealed class SparkConnectEndpointTests
{
    [Fact]
    public void Host_and_port_give_a_cleartext_http2_address()
    {
        var endpoint = SparkConnectEndpoint.Parse("sc://localhost:15002");
        Assert.Equal("localhost", endpoint.Host);
        Assert.Equal(15002, endpoint.Port);
        Assert.False(endpoint.UseSsl);
        Assert.Equal(new Uri("http://localhost:15002"), endpoint.Address);
    }

    [Fact]
    public void The_port_defaults_to_15002()
    {
        Assert.Equal(15002, SparkConnectEndpoint.Parse("sc://spark-connect").Port);
        Assert.Equal(15002, SparkConnectEndpoint.Parse("sc://spark-connect/").Port);
    }

    [Fact]
    public void Parameters_follow_the_path_separated_by_semicolons()
    {
        var endpoint = SparkConnectEndpoint.Parse("sc://example.org:443/;token=abc%3D;user_id=ada;user_agent=labs;session_id=00112233-4455-6677-8899-aabbccddeeff;x-trace=42");
        Assert.Equal("abc=", endpoint.Token);
        Assert.Equal("ada", endpoint.UserId);
        Assert.Equal("labs", endpoint.UserAgent);
        Assert.Equal(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), endpoint.SessionId);
        Assert.Equal("42", endpoint.Headers["x-trace"]);
        Assert.True(endpoint.UseSsl, "a token turns TLS on, as in Spark's own clients");
        Assert.Equal(new Uri("https://example.org:443"), endpoint.Address);
        Assert.DoesNotContain("abc", endpoint.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Use_ssl_is_read_and_ipv6_hosts_take_brackets()
    {
        var endpoint = SparkConnectEndpoint.Parse("sc://[::1]:15010/;use_ssl=true");
        Assert.Equal("::1", endpoint.Host);
        Assert.Equal(15010, endpoint.Port);
        Assert.Equal(new Uri("https://[::1]:15010"), endpoint.Address);
    }

    [Theory]
    [InlineData("http://localhost:15002", "scheme")]
    [InlineData("sc://:15002", "host")]
    [InlineData("sc://localhost:port", "port")]
    [InlineData("sc://localhost:70000", "port")]
    [InlineData("sc://localhost:15002/spark", "path")]
    [InlineData("sc://localhost/;user_id", "user_id")]
    [InlineData("sc://localhost/;use_ssl=maybe", "use_ssl")]
    [InlineData("sc://localhost/;session_id=42", "session_id")]
    [InlineData("sc://[::1:15002", "host")]
    [InlineData("sc://localhost/;token=secret;use_ssl=false", "use_ssl")]
    public void Bad_connection_strings_name_the_part_that_is_wrong(string text, string part)
    {
        var error = Assert.Throws<SparkConnectUriException>(() => SparkConnectEndpoint.Parse(text));
        Assert.Equal(part, error.Part);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_and_other_parameters_become_call_headers()
    {
        var headers = SparkSession.CallHeaders(SparkConnectEndpoint.Parse("sc://h/;token=t0k;x-trace=7"));
        Assert.Equal("Bearer t0k", headers.GetValue("authorization"));
        Assert.Equal("7", headers.GetValue("x-trace"));
    }
}
