using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.MathFoundations.Optimization;

/// <summary>The second-derivative test: at a critical point, the signs of the Hessian's eigenvalues tell its kind.</summary>
public static class CriticalPoints
{
    /// <summary>Eigenvalues within this of zero, relative to the largest, count as zero.</summary>
    public const double RelativeZero = 1e-9;

    /// <summary>The eigenvalues of a symmetric Hessian, ascending (MathNet's symmetric eigen-decomposition).</summary>
    public static double[] Eigenvalues(double[,] hessian) =>
        Matrix<double>.Build.DenseOfArray(hessian).Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).Order().ToArray();

    public static CriticalPointKind Classify(double[,] hessian, OptimizationBug bug = OptimizationBug.None)
    {
        var eigenvalues = Eigenvalues(hessian);
        if (bug == OptimizationBug.ClassifiesByTrace) eigenvalues = eigenvalues.Select(_ => eigenvalues.Average()).ToArray();
        return FromEigenvalues(eigenvalues);
    }

    internal static CriticalPointKind FromEigenvalues(IReadOnlyList<double> eigenvalues)
    {
        #region Exercise 1.5-4e: the second-derivative test from the signs of the eigenvalues, with a tolerance for zero (tests: CriticalPointTests)
        var scale = Math.Max(eigenvalues.Max(Math.Abs), double.Epsilon);
        var positive = eigenvalues.Count(e => e > RelativeZero * scale);
        var negative = eigenvalues.Count(e => e < -RelativeZero * scale);
        if (positive > 0 && negative > 0) return CriticalPointKind.Saddle;
        if (positive == eigenvalues.Count) return CriticalPointKind.Minimum;
        if (negative == eigenvalues.Count) return CriticalPointKind.Maximum;
        return CriticalPointKind.Degenerate;
        #endregion
    }
}
