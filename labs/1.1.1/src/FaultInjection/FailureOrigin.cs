namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>The chapter's split of failure types.</summary>
public enum FailureOrigin
{
    Hardware,
    Software,
    Network,
}
