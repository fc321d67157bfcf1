namespace StatelessMind.Labs.Programming.Vectorization;

/// <summary>
/// Median nanoseconds per call of one kernel at one size: the scalar loop, the Vector&lt;T&gt; version and the
/// TensorPrimitives version (NaN where there is none; for z-score the second is TensorPrimitives).
/// </summary>
public sealed record KernelTiming(string Kernel, int Elements, bool InCache, double ScalarNs, double VectorNs, double TensorNs)
{
    public double VectorSpeedup => ScalarNs / VectorNs;
    public double TensorSpeedup => ScalarNs / TensorNs;
}
