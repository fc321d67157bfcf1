using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace StatelessMind.Bench.Storage;

/// <summary>
/// The job of every LSM-vs-RocksDB suite: in-process (so both engines share the process, its GC and its two cores),
/// one launch, one warm-up and ten measured iterations of one invocation each, a 60-minute limit (an iteration of the
/// db_bench writes is a million operations), and MB/s of 116-byte entries as an extra column.
/// </summary>
public sealed class StorageBenchConfig : ManualConfig
{
    public const int Iterations = 10;

    public StorageBenchConfig()
    {
        AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(60), logOutput: true))
            .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(Iterations).WithInvocationCount(1).WithUnrollFactor(1));
        AddColumn(new ThroughputColumn(DbBenchKeys.EntryBytes));
    }
}
