namespace StatelessMind.Labs.MathFoundations.LinearAlgebra;

/// <summary>Deliberate mistakes the matrix-multiply kernels can be run with (tests only), so that the checks against
/// the naive product can be seen to catch them. <see cref="None"/> is the correct kernel.</summary>
public enum MatMulBug
{
    None,

    /// <summary>The blocked kernel walks only whole blocks: when n is not a multiple of the block size, the last rows,
    /// columns and terms of the sum are never computed (the classic edge-of-the-tiling bug).</summary>
    LastPartialBlockSkipped,

    /// <summary>The SIMD kernel computes the columns that fill whole vectors and forgets the scalar tail.</summary>
    TailColumnsSkipped,
}
