namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>What a failure is, as the classifier reads it from what was observed.</summary>
public sealed record FailureClassification(FaultKind Kind, FailureClass Class, FailureComponent Component)
{
    public bool IsTransient => Class == FailureClass.Transient;
}
