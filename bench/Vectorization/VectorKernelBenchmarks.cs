using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using StatelessMind.Labs.Programming.Vectorization;

namespace StatelessMind.Bench.Vectorization;

/// <summary>
/// 1.3-1: the scalar loops of labs/1.3 (the baseline of each kernel's group) beside the hand-written Vector&lt;T&gt;
/// kernels and System.Numerics.Tensors' TensorPrimitives, on the same arrays of N floats drawn uniformly from [−1, 1)
/// with a fixed seed: sum, dot product, a·x + y into a third array, and the count of elements above 0.5 (no
/// TensorPrimitives counterpart). 1,000 and 100,000 floats stay in cache; 1,000,000 (4 MB per array) streams from
/// memory. The lab's experiment times the same kernels in one run and checks the dot product's speed-up.
/// </summary>
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[WarmupCount(2)]
[IterationCount(10)]
public class VectorKernelBenchmarks
{
    public const int Seed = 20261204;
    private readonly VectorKernels _vector = VectorKernels.Correct;
    private float[] _x = [];
    private float[] _y = [];
    private float[] _destination = [];

    [Params(1_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        var rng = new Random(Seed);
        _x = Enumerable.Range(0, N).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        _y = Enumerable.Range(0, N).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        _destination = new float[N];
        if (ScalarKernels.CountAbove(_x, 0.5f) != _vector.CountAbove(_x, 0.5f)) throw new InvalidOperationException("the vectorised count differs from the scalar one");
    }

    [Benchmark(Baseline = true), BenchmarkCategory("sum")]
    public float SumScalar() => ScalarKernels.Sum(_x);

    [Benchmark, BenchmarkCategory("sum")]
    public float SumVectorT() => _vector.Sum(_x);

    [Benchmark, BenchmarkCategory("sum")]
    public float SumTensorPrimitives() => TensorKernels.Sum(_x);

    [Benchmark(Baseline = true), BenchmarkCategory("dot")]
    public float DotScalar() => ScalarKernels.Dot(_x, _y);

    [Benchmark, BenchmarkCategory("dot")]
    public float DotVectorT() => _vector.Dot(_x, _y);

    [Benchmark, BenchmarkCategory("dot")]
    public float DotTensorPrimitives() => TensorKernels.Dot(_x, _y);

    [Benchmark(Baseline = true), BenchmarkCategory("axpy")]
    public void AxpyScalar() => ScalarKernels.Axpy(2.5f, _x, _y, _destination);

    [Benchmark, BenchmarkCategory("axpy")]
    public void AxpyVectorT() => _vector.Axpy(2.5f, _x, _y, _destination);

    [Benchmark, BenchmarkCategory("axpy")]
    public void AxpyTensorPrimitives() => TensorKernels.Axpy(2.5f, _x, _y, _destination);

    [Benchmark(Baseline = true), BenchmarkCategory("count above")]
    public int CountAboveScalar() => ScalarKernels.CountAbove(_x, 0.5f);

    [Benchmark, BenchmarkCategory("count above")]
    public int CountAboveVectorT() => _vector.CountAbove(_x, 0.5f);
}
