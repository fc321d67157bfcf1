using Microsoft.Extensions.Logging.Abstractions;
using StatelessMind.Labs.Reliability.FaultInjection;

namespace StatelessMind.Labs.Reliability.Tests.FaultInjection;

/// <summary>Attempts with one planned fault, for component tests that strike one hook on purpose.</summary>
internal static class Faults
{
    public static FaultInjector Injector(FaultPlan? plan = null) => new(plan ?? FaultPlan.None, NullLogger.Instance);

    public static AttemptContext Planned(FaultInjector injector, FaultKind kind, string variant = "", string operation = "op-1", int attempt = 1)
    {
        var descriptor = FaultCatalog.Describe(kind);
        var fault = injector.Record(kind, descriptor.Class, descriptor.Component, operation, attempt, variant);
        return new AttemptContext(operation, attempt, fault, injector);
    }

    public static AttemptContext None(string operation = "op-1") => AttemptContext.Clean(operation);
}
