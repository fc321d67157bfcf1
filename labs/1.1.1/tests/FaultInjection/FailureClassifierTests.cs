using Polly.CircuitBreaker;
using Polly.Timeout;
using StatelessMind.Labs.Reliability.FaultInjection;

namespace StatelessMind.Labs.Reliability.Tests.FaultInjection;

/// <summary>1.1.1-1c: what the client can tell from an exception alone — kind, class and where it happened.</summary>
public sealed class FailureClassifierTests
{
    public static TheoryData<Exception, FaultKind, FailureClass, FailureComponent> Cases => new()
    {
        { new DiskFullException("/d/ledger.dat", 4096, 4000, 200), FaultKind.DiskFull, FailureClass.Permanent, FailureComponent.Disk },
        { new ChecksumMismatchException("/d/ledger.dat", 12, 1, 2, 3), FaultKind.BitFlip, FailureClass.Permanent, FailureComponent.Disk },
        { new ServerCrashedException("op"), FaultKind.ProcessCrash, FailureClass.Transient, FailureComponent.Process },
        { new ServerUnavailableException(TimeSpan.FromMilliseconds(5)), FaultKind.ServiceUnavailable, FailureClass.Transient, FailureComponent.Process },
        { new BrokenCircuitException(), FaultKind.ServiceUnavailable, FailureClass.Transient, FailureComponent.Client },
        { new ResourceExhaustedException("memory", "64 MiB"), FaultKind.ResourceExhaustion, FailureClass.Transient, FailureComponent.Process },
        { new TimeoutRejectedException(), FaultKind.Timeout, FailureClass.Transient, FailureComponent.Client },
        { new DependencyTimeoutException("lock service", TimeSpan.FromMilliseconds(3)), FaultKind.Timeout, FailureClass.Transient, FailureComponent.Application },
        { new ConcurrencyConflictException("row"), FaultKind.SoftwareException, FailureClass.Transient, FailureComponent.Application },
        { new ReceiptNotFoundException("k"), FaultKind.SoftwareException, FailureClass.Permanent, FailureComponent.Application },
        { new ArgumentException("bad"), FaultKind.SoftwareException, FailureClass.Permanent, FailureComponent.Application },
        { new NullReferenceException(), FaultKind.SoftwareException, FailureClass.Permanent, FailureComponent.Application },
        { new IOException("EIO"), FaultKind.Unknown, FailureClass.Permanent, FailureComponent.Disk },
        { new NotImplementedException(), FaultKind.Unknown, FailureClass.Permanent, FailureComponent.Application },
    };

    [Theory]
    [Goal("1.1.1-1")]
    [MemberData(nameof(Cases))]
    public void Each_exception_is_classified_by_kind_class_and_component(Exception exception, FaultKind kind, FailureClass @class, FailureComponent component)
    {
        Assert.Equal(new FailureClassification(kind, @class, component), FailureClassifier.Classify(exception));
        Assert.Equal(@class == FailureClass.Transient, FailureClassifier.IsTransient(exception));
    }

    [Fact]
    [Goal("1.1.1-1")]
    public void What_is_not_recognised_is_never_retried()
    {
        Assert.False(FailureClassifier.IsTransient(new InvalidCastException()));
        Assert.False(FailureClassifier.IsTransient(new Exception("who knows")));
    }
}
