using BenchmarkDotNet.Attributes;
using StatelessMind.Labs.Programming;

namespace StatelessMind.Bench.Systems;

/// <summary>
/// 1.3-4/1.3-5: appending N 64-bit integers from C# to List&lt;long&gt; (the baseline) and to the C dynamic array
/// through P/Invoke, one da_push call per element (labs/1.3 NativeDynArray). The gap is the price of crossing
/// into native code per element; labs/1.3's experiment times the C array inside C (one call for the whole run)
/// beside Rust. The mean is per append.
/// </summary>
[WarmupCount(3)]
[IterationCount(10)]
public class DynArrayAppendBenchmarks
{
    [Params(1_000, 100_000)]
    public int N { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = 100_000)]
    public long ListOfLong()
    {
        var total = 0L;
        for (var rep = 0; rep < 100_000 / N; rep++)
        {
            var list = new List<long>();
            for (long i = 0; i < N; i++) list.Add(i);
            total += list.Count;
        }
        return total;
    }

    [Benchmark(OperationsPerInvoke = 100_000)]
    public long CDynArrayViaPInvoke()
    {
        var total = 0L;
        for (var rep = 0; rep < 100_000 / N; rep++)
        {
            using var array = new NativeDynArray();
            for (long i = 0; i < N; i++) array.Push(i);
            total += array.Count;
        }
        return total;
    }
}
