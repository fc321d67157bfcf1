using BenchmarkDotNet.Attributes;
using StatelessMind.Dataflow;
using StatelessMind.Dataflow.Jobs;
using StatelessMind.Dataflow.Text;

namespace StatelessMind.Bench.Dataflow;

/// <summary>
/// Labs 4.1-1 and 1.1.2: word count of the same 8 MB of Zipf text (s = 1.1, 50,000 made-up words) on the dataflow
/// layer (ReduceByKey with map-side combine, one partition and one task thread per core), against hand-written PLINQ
/// (a dictionary per thread; the baseline), plain LINQ (GroupBy on one thread) and the Unix pipeline
/// <c>LC_ALL=C tr -cs A-Za-z '\n' | sort | uniq -c</c>. Every method reads the file itself, so each operation is the
/// whole job; all count the same words (the experiment of 4.1-1 checks that).
/// </summary>
[MemoryDiagnoser]
[WarmupCount(2)]
[IterationCount(10)]
public class WordCountBenchmarks
{
    private string _path = "";

    [GlobalSetup]
    public void SetUp()
    {
        _path = Path.Combine(Path.GetTempPath(), $"bench-wordcount-{Environment.ProcessId}.txt");
        ZipfText.WriteFile(_path, 8L << 20, vocabulary: 50_000, exponent: 1.1, seed: 1);
    }

    [GlobalCleanup]
    public void CleanUp() => File.Delete(_path);

    [Benchmark(Baseline = true)]
    public int HandWrittenPlinq() => WordCountBaselines.Plinq(File.ReadLines(_path)).Count;

    [Benchmark]
    public int DataflowLayer()
    {
        var cores = Environment.ProcessorCount;
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = cores });
        return WordCountJob.Run(ctx.TextFile(_path, cores), cores).Collect().Count;
    }

    [Benchmark]
    public int PlainLinq() => WordCountBaselines.Linq(File.ReadLines(_path)).Count;

    [Benchmark]
    public int UnixPipeline() => WordCountBaselines.UnixPipeline(_path).Count;
}
