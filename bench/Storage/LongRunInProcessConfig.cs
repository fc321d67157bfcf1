using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace StatelessMind.Bench.Storage;

/// <summary>
/// The repository's in-process toolchain with a 60-minute limit instead of the default: one iteration of the
/// db_bench writes is a million operations and takes close to a minute on a busy 2-core machine. One launch,
/// one warm-up, three measured iterations of one invocation each; MB/s of 116-byte entries as an extra column.
/// </summary>
public sealed class LongRunInProcessConfig : ManualConfig
{
    public LongRunInProcessConfig()
    {
        AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(60), logOutput: true))
            .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithInvocationCount(1).WithUnrollFactor(1));
        AddColumn(new ThroughputColumn(DbBenchKeys.EntryBytes));
    }
}
