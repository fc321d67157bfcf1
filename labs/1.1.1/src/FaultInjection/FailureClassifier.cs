using Polly.CircuitBreaker;
using Polly.Timeout;

namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// Reads a failure from the exception that carried it: its kind, whether retrying can help, and where
/// it happened. The resilience policy retries only what this calls transient.
/// </summary>
public static class FailureClassifier
{
    public static FailureClassification Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        #region Exercise 1.1.1-1c: map each exception type to (kind, transient or permanent, component); unknown means permanent (tests: FailureClassifierTests)
        return exception switch
        {
            DiskFullException => new(FaultKind.DiskFull, FailureClass.Permanent, FailureComponent.Disk),
            ChecksumMismatchException => new(FaultKind.BitFlip, FailureClass.Permanent, FailureComponent.Disk),
            ServerCrashedException => new(FaultKind.ProcessCrash, FailureClass.Transient, FailureComponent.Process),
            ServerUnavailableException => new(FaultKind.ServiceUnavailable, FailureClass.Transient, FailureComponent.Process),
            BrokenCircuitException => new(FaultKind.ServiceUnavailable, FailureClass.Transient, FailureComponent.Client),
            ResourceExhaustedException => new(FaultKind.ResourceExhaustion, FailureClass.Transient, FailureComponent.Process),
            TimeoutRejectedException => new(FaultKind.Timeout, FailureClass.Transient, FailureComponent.Client),
            DependencyTimeoutException => new(FaultKind.Timeout, FailureClass.Transient, FailureComponent.Application),
            ConcurrencyConflictException => new(FaultKind.SoftwareException, FailureClass.Transient, FailureComponent.Application),
            ReceiptNotFoundException => new(FaultKind.SoftwareException, FailureClass.Permanent, FailureComponent.Application),
            // Bugs: the same input fails the same way every time.
            ArgumentException or InvalidOperationException or NullReferenceException or NotSupportedException or FormatException
                => new(FaultKind.SoftwareException, FailureClass.Permanent, FailureComponent.Application),
            IOException => new(FaultKind.Unknown, FailureClass.Permanent, FailureComponent.Disk),
            _ => new(FaultKind.Unknown, FailureClass.Permanent, FailureComponent.Application),
        };
        #endregion
    }

    public static bool IsTransient(Exception exception) => Classify(exception).IsTransient;
}
