using Microsoft.Extensions.Logging;

namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// The structured log events of the fault-injection lab (source-generated, so each field lands in the
/// JSON under its own name): a fault was injected; a failure was observed, classified and acted on;
/// the circuit breaker changed state.
/// </summary>
public static partial class FailureLog
{
    public const int FaultInjectedId = 1001;
    public const int FailureObservedId = 1002;
    public const int CircuitChangedId = 1003;

    [LoggerMessage(EventId = FaultInjectedId, EventName = "FaultInjected", Level = LogLevel.Information,
        Message = "Fault #{faultId}: injected {kind} ({failureClass}) into {component} for {operation} attempt {attempt}: {variant}")]
    public static partial void FaultInjected(ILogger logger, long faultId, FaultKind kind, FailureClass failureClass,
        FailureComponent component, string operation, int attempt, string variant);

    [LoggerMessage(EventId = FailureObservedId, EventName = "FailureObserved",
        Message = "{kind} ({failureClass}) in {component} during {operation} attempt {attempt}; action: {action}. {detail}")]
    private static partial void FailureObservedCore(ILogger logger, LogLevel level, FaultKind kind, FailureClass failureClass,
        FailureComponent component, string operation, int attempt, FailureAction action, string detail);

    [LoggerMessage(EventId = CircuitChangedId, EventName = "CircuitChanged", Level = LogLevel.Warning,
        Message = "Circuit breaker {state}: {detail}")]
    public static partial void CircuitChanged(ILogger logger, string state, string detail);

    /// <summary>Logs an observed failure: permanent ones at Error, transient ones at Warning.</summary>
    public static void FailureObserved(ILogger logger, FailureClassification classification, FailureAction action,
        string operation, int attempt, string detail)
    {
        ArgumentNullException.ThrowIfNull(classification);
        var level = classification.Class == FailureClass.Permanent ? LogLevel.Error : LogLevel.Warning;
        FailureObservedCore(logger, level, classification.Kind, classification.Class, classification.Component, operation, attempt, action, detail);
    }
}
