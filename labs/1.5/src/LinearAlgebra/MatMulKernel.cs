namespace StatelessMind.Labs.MathFoundations.LinearAlgebra;

/// <summary>The matrix-multiply implementations the lab measures side by side.</summary>
public enum MatMulKernel
{
    Naive,
    Blocked,
    Simd,
    MathNetManaged,
    OpenBlasOneThread,
    OpenBlasAllThreads,
}
