namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>Where a failure happened.</summary>
public enum FailureComponent
{
    Disk,
    Network,
    Process,
    Application,
    Client,
}
