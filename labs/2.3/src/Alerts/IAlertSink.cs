namespace StatelessMind.Labs.Orchestration.Alerts;

/// <summary>Where the on_failure, on_retry and on_sla_miss callbacks send their alerts.</summary>
public interface IAlertSink
{
    Task SendAsync(Alert alert, CancellationToken cancellationToken);
}
