namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// One fault the injection layer produced: the ground truth the tests compare the log against.
/// <paramref name="Variant"/> says which form it took ("request" or "response" for a lost message,
/// "before-apply" or "before-reply" for a crash, "in-flight" or "at-rest" for a bit flip).
/// </summary>
public sealed record InjectedFault(
    long Id,
    FaultKind Kind,
    FailureClass ExpectedClass,
    FailureComponent Component,
    string OperationId,
    int Attempt,
    string Variant);
