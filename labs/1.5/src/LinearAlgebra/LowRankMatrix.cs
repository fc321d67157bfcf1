using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.MathFoundations.LinearAlgebra;

/// <summary>
/// Generated data with a stated law: M = U·diag(s)·Vᵀ + E, U and V with orthonormal columns (QR of Gaussian
/// matrices), s the planted singular values, E i.i.d. Gaussian noise of standard deviation σ. The singular values of
/// the noise alone stay below σ(√m + √n) with high probability, so the values above that edge count the signal.
/// </summary>
public static class LowRankMatrix
{
    public static Matrix<double> Generate(int rows, int columns, IReadOnlyList<double> singularValues, double sigma, int seed)
    {
        var random = new Random(seed);
        var normal = new Normal(0, 1, random);
        var rank = singularValues.Count;
        var u = Matrix<double>.Build.Dense(rows, rank, (_, _) => normal.Sample()).QR().Q.SubMatrix(0, rows, 0, rank);
        var v = Matrix<double>.Build.Dense(columns, rank, (_, _) => normal.Sample()).QR().Q.SubMatrix(0, columns, 0, rank);
        var s = Matrix<double>.Build.DiagonalOfDiagonalArray([.. singularValues]);
        var noise = Matrix<double>.Build.Dense(rows, columns, (_, _) => sigma * normal.Sample());
        return u * s * v.Transpose() + noise;
    }

    /// <summary>The largest singular value pure noise of this shape and σ reaches (the Marchenko–Pastur edge).</summary>
    public static double NoiseEdge(int rows, int columns, double sigma) => sigma * (Math.Sqrt(rows) + Math.Sqrt(columns));

    /// <summary>How many singular values stand above the noise edge.</summary>
    public static int EstimateRank(IEnumerable<double> singularValues, int rows, int columns, double sigma)
    {
        var edge = NoiseEdge(rows, columns, sigma);
        return singularValues.Count(s => s > edge);
    }
}
