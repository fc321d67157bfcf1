using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.StochasticStatistics.Svd;

/// <summary>The leading k singular triplets found by the randomized SVD.</summary>
public sealed record PartialSvd(Matrix<double> U, IReadOnlyList<double> SingularValues, Matrix<double> VT)
{
    public Matrix<double> Reconstruct() => TruncatedSvd.SumOfTerms(U, SingularValues, VT, SingularValues.Count);
}

/// <summary>
/// The randomized SVD of Halko, Martinsson and Tropp (2011): sketch the range of A with a Gaussian test matrix of
/// k + p columns, sharpen it with q power iterations (AAᵀ)^q, re-orthonormalising between them, then take the exact SVD
/// of the small matrix QᵀA. Its cost is O(mn(k + p)(2q + 1)) against the full SVD's O(mn·min(m, n)).
/// </summary>
public sealed class RandomizedSvd(int oversampling = 10, int powerIterations = 2, SvdBug bug = SvdBug.None)
{
    public PartialSvd Compute(Matrix<double> a, int rank, int seed)
    {
        MatrixChecks.RequireFinite(a);
        MatrixChecks.RequireRank(rank, a);
        var width = Math.Min(rank + oversampling, Math.Min(a.RowCount, a.ColumnCount));
        var q = RangeFinder(a, width, bug == SvdBug.NoPowerIterations ? 0 : powerIterations, new Random(seed));
        return FromRange(a, q, rank);
    }

    /// <summary>An orthonormal basis Q (m × width) of an approximate range of A: Q = orth((AAᵀ)^q AΩ), Ω Gaussian.</summary>
    internal static Matrix<double> RangeFinder(Matrix<double> a, int width, int powerIterations, Random random)
    {
        #region Exercise 4.6-2c: the randomized range finder with re-orthonormalised power iterations (tests: RandomizedSvdTests)
        var omega = Matrix<double>.Build.Dense(a.ColumnCount, width, (_, _) => Normal.Sample(random, 0, 1));
        var q = a.Multiply(omega).QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Q;
        for (var i = 0; i < powerIterations; i++)
        {
            // Without orthonormalising after each product the columns all collapse onto the top singular vector.
            var z = a.TransposeThisAndMultiply(q).QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Q;
            q = a.Multiply(z).QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Q;
        }
        return q;
        #endregion
    }

    /// <summary>With A ≈ QQᵀA: the SVD of the small B = QᵀA = ŨΣVᵀ gives A ≈ (QŨ)ΣVᵀ; keep the leading <paramref name="rank"/>.</summary>
    internal static PartialSvd FromRange(Matrix<double> a, Matrix<double> q, int rank)
    {
        #region Exercise 4.6-2d: the small SVD of Q transpose A, lifted back by Q (tests: RandomizedSvdTests)
        var b = q.TransposeThisAndMultiply(a);
        var small = b.Svd(computeVectors: true);
        var u = q.Multiply(small.U).SubMatrix(0, a.RowCount, 0, rank);
        var vt = small.VT.SubMatrix(0, rank, 0, a.ColumnCount);
        return new PartialSvd(u, small.S.SubVector(0, rank).ToArray(), vt);
        #endregion
    }
}
