using System.Globalization;

namespace StatelessMind.Labs.MlOps.Serving;

/// <summary>
/// The Prometheus rules for one scrape job of the model server: recording rules for the largest drift score and the p99
/// latency over the last 5 s, and two alerts on them — <c>ModelInputDrift</c> (largest drift above
/// <see cref="DriftThreshold"/> σ) and <c>ModelHighLatency</c> (p99 above <see cref="LatencyThresholdSeconds"/>), each
/// firing after holding for <see cref="HoldFor"/>.
/// </summary>
public static class MonitoringRules
{
    public const double DriftThreshold = 2.0;
    public const double LatencyThresholdSeconds = 0.05;
    public const string HoldFor = "2s";
    public const string DriftAlert = "ModelInputDrift";
    public const string LatencyAlert = "ModelHighLatency";

    public static string DriftSeries(string job) => $"job:model_input_drift:max{{job=\"{job}\"}}";
    public static string LatencySeries(string job) => $"job:model_request_duration_seconds:p99_5s{{job=\"{job}\"}}";

    /// <summary>The rule file's YAML for the given job name.</summary>
    public static string For(string job) => string.Create(CultureInfo.InvariantCulture, $$"""
        groups:
          - name: model-server-{{job}}
            rules:
              - record: job:model_input_drift:max
                expr: max by (job) (model_input_drift{job="{{job}}"})
              - record: job:model_request_duration_seconds:p99_5s
                expr: histogram_quantile(0.99, sum by (job, le) (rate(model_request_duration_seconds_bucket{job="{{job}}"}[5s])))
              - alert: {{DriftAlert}}
                expr: job:model_input_drift:max{job="{{job}}"} > {{DriftThreshold}}
                for: {{HoldFor}}
                labels:
                  severity: warning
                annotations:
                  summary: "inputs have drifted more than {{DriftThreshold}} training standard deviations"
              - alert: {{LatencyAlert}}
                expr: job:model_request_duration_seconds:p99_5s{job="{{job}}"} > {{LatencyThresholdSeconds}}
                for: {{HoldFor}}
                labels:
                  severity: page
                annotations:
                  summary: "p99 of /predict above {{LatencyThresholdSeconds * 1000}} ms over 5 s"
        """);
}
