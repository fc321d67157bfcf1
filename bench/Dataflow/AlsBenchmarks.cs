using BenchmarkDotNet.Attributes;
using StatelessMind.Dataflow;
using StatelessMind.Labs.MassiveData.Recommendation;

namespace StatelessMind.Bench.Dataflow;

/// <summary>
/// Lab 4.3-3: ALS iterations on the same generated ratings (1,500 users, 600 items, about 80 ratings each, rank 8,
/// λ = 0.05): blocked on the dataflow layer (4 blocks per side, one shuffle of factor messages per half-iteration)
/// against the same computation on plain arrays with PLINQ (the baseline). Each operation trains for 5 iterations,
/// including building the blocks; the figures are per iteration. Both compute the same factors (tested).
/// </summary>
[MemoryDiagnoser]
[WarmupCount(2)]
[IterationCount(10)]
public class AlsBenchmarks
{
    private const int Iterations = 5;
    private IReadOnlyList<Rating> _train = [];
    private AlsOptions _options = new();

    [GlobalSetup]
    public void SetUp()
    {
        (_train, _) = RatingGenerator.Split(new RatingGenerator(1500, 600, 5, 0.5, 3).Generate());
        _options = new AlsOptions { Rank = 8, Lambda = 0.05, Iterations = Iterations, Blocks = 4 };
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Iterations)]
    public int UnblockedPlinq() => UnblockedAls.Train(_train, _options).UserFactors.Count;

    [Benchmark(OperationsPerInvoke = Iterations)]
    public int BlockedOnTheLayer()
    {
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = Environment.ProcessorCount });
        return BlockedAls.Train(ctx.Parallelize(_train, 8), _options).UserFactors.Count;
    }
}
