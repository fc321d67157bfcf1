using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.StochasticStatistics.Svd;

/// <summary>
/// A matrix's full SVD A = UΣVᵀ (MathNet), and what dimensionality reduction reads from it: the rank-k truncation
/// A_k = Σ_{i&lt;k} σᵢuᵢvᵢᵀ, which by Eckart–Young is the best rank-k approximation with ‖A − A_k‖_F² = Σ_{i≥k} σᵢ², and
/// the share of the total Σσᵢ² (for centred data, of the variance) each component explains.
/// </summary>
public sealed class TruncatedSvd
{
    private readonly Matrix<double> _u;
    private readonly Matrix<double> _vt;
    private readonly SvdBug _bug;

    private TruncatedSvd(Matrix<double> a, SvdBug bug)
    {
        var svd = a.Svd(computeVectors: true);
        // MathNet returns the full m × m U; only its first min(m, n) columns pair with a singular value.
        _u = svd.U.SubMatrix(0, a.RowCount, 0, svd.S.Count);
        _vt = svd.VT;
        SingularValues = svd.S.ToArray();
        Rows = a.RowCount;
        Columns = a.ColumnCount;
        _bug = bug;
    }

    public int Rows { get; }
    public int Columns { get; }

    /// <summary>σ₁ ≥ σ₂ ≥ … ≥ 0, min(rows, columns) of them.</summary>
    public IReadOnlyList<double> SingularValues { get; }

    public static TruncatedSvd Of(Matrix<double> a, SvdBug bug = SvdBug.None)
    {
        MatrixChecks.RequireFinite(a);
        return new TruncatedSvd(a, bug);
    }

    /// <summary>Σ_{i≥k} σᵢ²: what Eckart–Young says the squared Frobenius error of the best rank-k approximation is.</summary>
    public double DiscardedEnergy(int rank) => SingularValues.Skip(rank).Sum(s => s * s);

    /// <summary>The rank-k truncation A_k.</summary>
    public Matrix<double> Reconstruct(int rank)
    {
        if (rank < 1 || rank > SingularValues.Count) throw new RankOutOfRangeException(rank, Rows, Columns);
        var terms = _bug == SvdBug.RankOffByOne ? rank - 1 : rank;
        return SumOfTerms(_u, SingularValues, _vt, terms);
    }

    /// <summary>Σ_{i&lt;terms} σᵢ uᵢ vᵢᵀ: column i of <paramref name="u"/>, row i of <paramref name="vt"/>.</summary>
    internal static Matrix<double> SumOfTerms(Matrix<double> u, IReadOnlyList<double> sigma, Matrix<double> vt, int terms)
    {
        #region Exercise 4.6-2a: the rank-k reconstruction as a sum of k outer products (tests: TruncatedSvdTests, EckartYoungTests)
        var rows = u.RowCount;
        var columns = vt.ColumnCount;
        var us = u.ToArray();
        var vs = vt.ToArray();
        var a = new double[rows, columns];
        for (var i = 0; i < terms; i++)
        {
            var s = sigma[i];
            for (var r = 0; r < rows; r++)
            {
                var ur = s * us[r, i];
                if (ur == 0) continue;
                for (var c = 0; c < columns; c++) a[r, c] += ur * vs[i, c];
            }
        }
        return Matrix<double>.Build.DenseOfArray(a);
        #endregion
    }

    /// <summary>σᵢ² / Σⱼ σⱼ² per component, largest first; for a centred data matrix, the share of the total variance
    /// the i-th principal component explains.</summary>
    public IReadOnlyList<double> ExplainedVarianceRatios()
    {
        #region Exercise 4.6-2b: explained variance ratios from the singular values (tests: ExplainedVarianceTests)
        var energy = SingularValues.Sum(s => s * s);
        return energy == 0 ? SingularValues.Select(_ => 0.0).ToArray() : SingularValues.Select(s => s * s / energy).ToArray();
        #endregion
    }

    /// <summary>The smallest k whose components explain at least <paramref name="share"/> of the total.</summary>
    public int ComponentsFor(double share)
    {
        var cumulative = 0.0;
        var ratios = ExplainedVarianceRatios();
        for (var k = 0; k < ratios.Count; k++)
        {
            cumulative += ratios[k];
            if (cumulative >= share - 1e-12) return k + 1;
        }
        return ratios.Count;
    }
}
