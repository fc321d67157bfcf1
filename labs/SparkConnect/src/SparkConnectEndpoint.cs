using System.Globalization;

namespace StatelessMind.SparkConnect;

/// <summary>
/// Where a Spark Connect server is and how to talk to it, parsed from Spark's connection string
/// <c>sc://host[:port][/;param=value;…]</c> — the format of <c>SPARK_REMOTE</c>, as PySpark reads it. The port
/// defaults to 15002. Parameters: <c>token</c> (a bearer token; like Spark's own clients, it turns TLS on),
/// <c>use_ssl</c> (true/false), <c>user_id</c>, <c>user_agent</c> (sent as the request's client type),
/// <c>session_id</c> (a UUID, to join an existing session); any other parameter is sent as a gRPC header.
/// Values may be percent-encoded.
/// </summary>
public sealed record SparkConnectEndpoint
{
    /// <summary>The environment variable that selects a Spark Connect server.</summary>
    public const string RemoteVariable = "SPARK_REMOTE";

    public const int DefaultPort = 15002;

    public required string Host { get; init; }
    public int Port { get; init; } = DefaultPort;
    public bool UseSsl { get; init; }
    public string? Token { get; init; }
    public string? UserId { get; init; }
    public string? UserAgent { get; init; }
    public Guid? SessionId { get; init; }

    /// <summary>Parameters the client does not interpret, sent as gRPC request headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The HTTP/2 address: http:// (cleartext HTTP/2, prior knowledge) unless TLS is on.</summary>
    public Uri Address => new($"{(UseSsl ? "https" : "http")}://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>host:port, as error messages name the server.</summary>
    public string Authority => $"{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The endpoint <c>SPARK_REMOTE</c> names, or null when it is unset or empty.</summary>
    public static SparkConnectEndpoint? FromEnvironment() =>
        Environment.GetEnvironmentVariable(RemoteVariable) is { Length: > 0 } value ? Parse(value) : null;

    /// <summary>Parses <c>sc://host[:port][/;param=value;…]</c>; bad input throws <see cref="SparkConnectUriException"/> naming the part.</summary>
    public static SparkConnectEndpoint Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        const string scheme = "sc://";
        var text = connectionString.Trim();
        if (!text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            throw new SparkConnectUriException(connectionString, "scheme", "it must start with sc://, as in sc://localhost:15002");
        var rest = text[scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "" : rest[(slash + 1)..];
        var (host, port) = ParseAuthority(connectionString, authority);

        var endpoint = new SparkConnectEndpoint { Host = host, Port = port };
        if (path.Length == 0) return endpoint;
        if (path[0] != ';')
            throw new SparkConnectUriException(connectionString, "path", $"expected ';param=value' after the '/', found '{path}'");
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        bool? useSsl = null;
        foreach (var pair in path.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new SparkConnectUriException(connectionString, pair, "each parameter must be name=value");
            var name = pair[..eq];
            var value = Uri.UnescapeDataString(pair[(eq + 1)..]);
            switch (name)
            {
                case "token":
                    endpoint = endpoint with { Token = value };
                    break;
                case "use_ssl":
                    useSsl = bool.TryParse(value, out var ssl) ? ssl
                        : throw new SparkConnectUriException(connectionString, "use_ssl", $"expected true or false, found '{value}'");
                    break;
                case "user_id":
                    endpoint = endpoint with { UserId = value };
                    break;
                case "user_agent":
                    endpoint = endpoint with { UserAgent = value };
                    break;
                case "session_id":
                    endpoint = endpoint with
                    {
                        SessionId = Guid.TryParseExact(value, "D", out var id) ? id
                            : throw new SparkConnectUriException(connectionString, "session_id", $"expected a UUID such as 00112233-4455-6677-8899-aabbccddeeff, found '{value}'"),
                    };
                    break;
                default:
                    headers[name.ToLowerInvariant()] = value;
                    break;
            }
        }
        if (endpoint.Token is not null && useSsl == false)
            throw new SparkConnectUriException(connectionString, "use_ssl", "a token is only sent over TLS: drop use_ssl=false or the token");
        return endpoint with { UseSsl = useSsl ?? endpoint.Token is not null, Headers = headers };
    }

    private static (string Host, int Port) ParseAuthority(string connectionString, string authority)
    {
        string host;
        string? portText;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) throw new SparkConnectUriException(connectionString, "host", "an IPv6 address opened with '[' has no closing ']'");
            host = authority[1..close];
            var after = authority[(close + 1)..];
            portText = after.Length == 0 ? null
                : after[0] == ':' ? after[1..]
                : throw new SparkConnectUriException(connectionString, "host", $"unexpected '{after}' after the IPv6 address");
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            portText = colon < 0 ? null : authority[(colon + 1)..];
        }
        if (host.Length == 0) throw new SparkConnectUriException(connectionString, "host", "the host is missing, as in sc://localhost:15002");
        if (portText is null) return (host, DefaultPort);
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new SparkConnectUriException(connectionString, "port", $"expected a number from 1 to 65535, found '{portText}'");
        return (host, port);
    }

    /// <summary>The connection string without its token.</summary>
    public override string ToString() => $"sc://{Authority}{(Token is null ? "" : "/;token=***")}";
}
