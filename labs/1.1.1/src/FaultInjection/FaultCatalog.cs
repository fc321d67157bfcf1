namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// The failure types this lab injects, each with its usual class, the component it strikes and the
/// real-world event it stands for. A bit flip is permanent where it is stored (the data is damaged)
/// but transient when only a read returned it (reading again gives the good bytes); the injector
/// records which case it produced.
/// </summary>
public static class FaultCatalog
{
    public static IReadOnlyList<FaultDescriptor> All { get; } =
    [
        new(FaultKind.DiskFull, FailureClass.Permanent, FailureComponent.Disk, FailureOrigin.Hardware,
            "ENOSPC: the volume or quota is full; needs space freed"),
        new(FaultKind.TornWrite, FailureClass.Transient, FailureComponent.Disk, FailureOrigin.Hardware,
            "power cut or crash mid-write: only a prefix of the record is on disk"),
        new(FaultKind.PartialWrite, FailureClass.Transient, FailureComponent.Disk, FailureOrigin.Hardware,
            "write(2) returned fewer bytes than asked (signal, quota edge, pipe); write the rest"),
        new(FaultKind.BitFlip, FailureClass.Permanent, FailureComponent.Disk, FailureOrigin.Hardware,
            "cosmic ray, worn flash cell, bad cable: a bit inverted at rest or in flight"),
        new(FaultKind.SlowIo, FailureClass.Transient, FailureComponent.Disk, FailureOrigin.Hardware,
            "a disk retrying a sector, a noisy neighbour, GC of an SSD"),
        new(FaultKind.StalledIo, FailureClass.Transient, FailureComponent.Disk, FailureOrigin.Hardware,
            "a hung NFS mount or a dying disk: the call never returns"),
        new(FaultKind.MessageLost, FailureClass.Transient, FailureComponent.Network, FailureOrigin.Network,
            "a dropped packet, a partition, a reset connection: request or response never arrives"),
        new(FaultKind.MessageDelayed, FailureClass.Transient, FailureComponent.Network, FailureOrigin.Network,
            "queueing in a switch, retransmission, a GC pause on the other side"),
        new(FaultKind.ProcessCrash, FailureClass.Transient, FailureComponent.Process, FailureOrigin.Software,
            "OOM kill, segfault, deploy restart: memory is lost, the durable log is not"),
        new(FaultKind.SoftwareException, FailureClass.Transient, FailureComponent.Application, FailureOrigin.Software,
            "an optimistic-concurrency conflict; a bug (NullReference, bad argument) is permanent"),
        new(FaultKind.Timeout, FailureClass.Transient, FailureComponent.Application, FailureOrigin.Software,
            "a dependency (lock service, DNS) did not answer within its deadline"),
        new(FaultKind.ResourceExhaustion, FailureClass.Transient, FailureComponent.Process, FailureOrigin.Software,
            "memory budget, file descriptors or the request queue used up; back off"),
    ];

    public static FaultDescriptor Describe(FaultKind kind) =>
        All.FirstOrDefault(d => d.Kind == kind)
        ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an injectable fault kind.");

    /// <summary>The transient kinds a workload can meet at random (disk full is produced by the store's cap instead).</summary>
    public static IReadOnlyList<FaultKind> TransientMix { get; } =
    [
        FaultKind.TornWrite, FaultKind.PartialWrite, FaultKind.BitFlip, FaultKind.SlowIo, FaultKind.StalledIo,
        FaultKind.MessageLost, FaultKind.MessageDelayed, FaultKind.ProcessCrash, FaultKind.SoftwareException,
        FaultKind.Timeout, FaultKind.ResourceExhaustion,
    ];

    /// <summary>Whether a fault of this kind can strike a request of this type (a read cannot be torn).</summary>
    public static bool AppliesTo(FaultKind kind, RequestType request) => kind switch
    {
        FaultKind.TornWrite or FaultKind.PartialWrite or FaultKind.DiskFull => request == RequestType.Write,
        FaultKind.BitFlip => request == RequestType.Read,
        _ => true,
    };
}
