namespace StatelessMind.Labs.MathFoundations.LinearAlgebra;

/// <summary>One kernel at one size: its best time, the GFLOP/s that makes, and its largest difference from the naive product.</summary>
public sealed record MatMulMeasurement(MatMulKernel Kernel, int Size, double Seconds, double MaxAbsDifference, double ReferenceMagnitude)
{
    /// <summary>The distance from 1 to the next double (2⁻⁵²).</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    public double Gflops => MatrixMultiply.Flops(Size) / Seconds / 1e9;

    /// <summary>The rounding a sum of n products may accumulate: n·ε times the largest entry, with a margin of 16.</summary>
    public double Tolerance => 16 * Size * MachineEpsilon * Math.Max(ReferenceMagnitude, 1);

    public bool MatchesReference => MaxAbsDifference <= Tolerance;
}
