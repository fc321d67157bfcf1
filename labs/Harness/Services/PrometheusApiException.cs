namespace StatelessMind.Harness.Services;

/// <summary>Prometheus' HTTP API answered with an error (a bad PromQL expression, a bad request) or with a body that is
/// not the documented JSON envelope. The message names the endpoint, the error type and Prometheus' own words.</summary>
public sealed class PrometheusApiException(string endpoint, string message) : Exception($"Prometheus {endpoint}: {message}")
{
    public string Endpoint { get; } = endpoint;
}
