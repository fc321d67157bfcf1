namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>One row of <see cref="FaultCatalog"/>: a failure type, its usual class, where it strikes and what it stands for.</summary>
public sealed record FaultDescriptor(FaultKind Kind, FailureClass Class, FailureComponent Component, FailureOrigin Origin, string RealWorld);
