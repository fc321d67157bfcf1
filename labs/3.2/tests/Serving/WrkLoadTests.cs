using StatelessMind.Labs.MlOps.Serving;

namespace StatelessMind.Labs.MlOps.Tests.Serving;

[Goal("3.2-1")]
public sealed class WrkLoadTests
{
    private const string Report = """
        Running 2s test @ http://127.0.0.1:18932/predict
          2 threads and 8 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     5.59ms   16.60ms 127.21ms   92.63%
            Req/Sec     6.22k     3.20k   13.76k    63.16%
          Latency Distribution
             50%  432.00us
             75%    1.40ms
             90%   12.51ms
             99%   95.14ms
          24153 requests in 2.02s, 9.05MB read
        Requests/sec:  11964.73
        Transfer/sec:      4.48MB
        """;

    [Fact]
    public void The_report_gives_requests_time_and_percentiles_in_milliseconds()
    {
        var result = WrkLoad.Parse(Report, "wrk");
        Assert.Equal(24153, result.Requests);
        Assert.Equal(2.02, result.Seconds, 9);
        Assert.Equal(0.432, result.P50Milliseconds, 9);
        Assert.Equal(95.14, result.P99Milliseconds, 9);
        Assert.Equal(0, result.Failures);
        Assert.Equal(24153 / 2.02, result.RequestsPerSecond, 6);
    }

    [Fact]
    public void Non_2xx_answers_and_socket_errors_count_as_failures()
    {
        var report = Report.Replace("Requests/sec:", "  Socket errors: connect 0, read 2, write 0, timeout 3\n  Non-2xx or 3xx responses: 7\nRequests/sec:", StringComparison.Ordinal);
        Assert.Equal(12, WrkLoad.Parse(report, "wrk").Failures);
        Assert.Throws<FormatException>(() => WrkLoad.Parse("wrk: connection refused", "wrk"));
    }

    [Fact]
    public void The_script_posts_each_input_in_turn()
    {
        var lua = WrkLoad.Script([[5.1f, 3.5f, 1.4f, 0.2f], [6.3f, 3.3f, 6f, 2.5f]]);
        Assert.Contains("wrk.method = \"POST\"", lua, StringComparison.Ordinal);
        Assert.Contains("'{\"features\":[5.1,3.5,1.4,0.2]}',", lua, StringComparison.Ordinal);
        Assert.Contains("'{\"features\":[6.3,3.3,6,2.5]}',", lua, StringComparison.Ordinal);
        Assert.Contains("i = i % #bodies + 1", lua, StringComparison.Ordinal);
    }
}
