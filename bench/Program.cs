using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Jobs;
using StatelessMind.Bench.Storage;

// In-process toolchain: the benchmarks run in this (Release) process instead of a generated project,
// so the repository's build settings apply unchanged. Each suite marks its baseline; reports show ratios.
// The default config already exports GitHub-flavoured Markdown (copied to bench/reports by make bench).
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault())
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
var loadBefore = StorageReport.LoadAverage();
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
// Suites that state a target (bench/Storage) check it; a target not met fails the run.
return StorageReport.Write(summaries, loadBefore) ? 0 : 1;
