using Microsoft.Extensions.Logging;

namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// Decides, with a seeded generator, which request attempts carry a fault and of which kind, and
/// keeps the list of every fault it produced (the ground truth) while logging each one as
/// <c>FaultInjected</c>. Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly List<InjectedFault> _injected = [];
    private readonly HashSet<long> _fired = [];
    private readonly ILogger _logger;
    private long _nextId;

    public FaultInjector(FaultPlan plan, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        Plan = plan;
        _logger = logger;
        _random = new Random(plan.Seed);
    }

    public FaultPlan Plan { get; }

    /// <summary>The planned faults that actually struck (a fault planned for a write that turned out to be a
    /// replay of a known key never reaches the disk), in injection order.</summary>
    public IReadOnlyList<InjectedFault> Fired
    {
        get { lock (_gate) return _injected.Where(f => _fired.Contains(f.Id)).ToList(); }
    }

    internal void MarkFired(InjectedFault fault)
    {
        lock (_gate) _fired.Add(fault.Id);
    }

    public IReadOnlyList<InjectedFault> Injected
    {
        get { lock (_gate) return [.. _injected]; }
    }

    /// <summary>Plans the fault (or none) for one attempt of a request.</summary>
    public AttemptContext Draw(string operationId, int attempt, RequestType request)
    {
        FaultKind? kind = null;
        string variant = "";
        lock (_gate)
        {
            if (Plan.Rate > 0 && _random.NextDouble() < Plan.Rate)
            {
                var applicable = Plan.Kinds.Where(k => FaultCatalog.AppliesTo(k, request)).ToList();
                if (applicable.Count > 0)
                {
                    kind = applicable[_random.Next(applicable.Count)];
                    variant = kind switch
                    {
                        FaultKind.MessageLost => _random.Next(2) == 0 ? "request" : "response",
                        FaultKind.ProcessCrash when request == RequestType.Write => _random.Next(2) == 0 ? "before-apply" : "before-reply",
                        FaultKind.ProcessCrash => "during-read",
                        FaultKind.BitFlip => "in-flight",
                        _ => "",
                    };
                }
            }
        }
        if (kind is not { } drawn) return new AttemptContext(operationId, attempt, null, this);
        var descriptor = FaultCatalog.Describe(drawn);
        // A bit flipped on the way from the disk is gone when the block is read again.
        var expected = drawn == FaultKind.BitFlip ? FailureClass.Transient : descriptor.Class;
        var fault = Record(drawn, expected, descriptor.Component, operationId, attempt, variant);
        return new AttemptContext(operationId, attempt, fault, this);
    }

    /// <summary>Records a fault produced outside <see cref="Draw"/> (the store's capacity, a bit flipped at rest).</summary>
    public InjectedFault Record(FaultKind kind, FailureClass expectedClass, FailureComponent component, string operationId, int attempt, string variant)
    {
        InjectedFault fault;
        lock (_gate)
        {
            fault = new InjectedFault(++_nextId, kind, expectedClass, component, operationId, attempt, variant);
            _injected.Add(fault);
            if (kind is FaultKind.DiskFull || variant.StartsWith("at-rest", StringComparison.Ordinal) || variant == "outage") _fired.Add(fault.Id); // already struck
        }
        FailureLog.FaultInjected(_logger, fault.Id, kind, expectedClass, component, operationId, attempt,
            variant.Length > 0 ? variant : FaultCatalog.Describe(kind).RealWorld);
        return fault;
    }

    public TimeSpan NextSlowIoDelay() => Between(Plan.SlowIoMin, Plan.SlowIoMax);
    public TimeSpan NextMessageDelay() => Between(Plan.MessageDelayMin, Plan.MessageDelayMax);

    public int Next(int maxExclusive)
    {
        lock (_gate) return _random.Next(maxExclusive);
    }

    private TimeSpan Between(TimeSpan min, TimeSpan max)
    {
        lock (_gate) return min + (max - min) * _random.NextDouble();
    }
}
