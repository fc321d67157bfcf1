using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.MathFoundations.Optimization;

/// <summary>
/// Lagrange multipliers exactly, for a quadratic objective ½xᵀQx + cᵀx under linear equalities Ax = b: stationarity
/// of L = f + λᵀ(Ax − b) gives Qx + c + Aᵀλ = 0, which with Ax = b is one linear (KKT) system.
/// </summary>
public static class LagrangeKkt
{
    public static (double[] X, double[] Lambda) SolveQuadratic(double[,] q, double[] c, double[,] a, double[] b)
    {
        var n = c.Length;
        var m = b.Length;
        var kkt = Matrix<double>.Build.Dense(n + m, n + m);
        kkt.SetSubMatrix(0, 0, Matrix<double>.Build.DenseOfArray(q));
        kkt.SetSubMatrix(0, n, Matrix<double>.Build.DenseOfArray(a).Transpose());
        kkt.SetSubMatrix(n, 0, Matrix<double>.Build.DenseOfArray(a));
        var rhs = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([.. c.Select(v => -v), .. b]);
        var svd = kkt.Svd();
        var conditionLimit = 1e12;
        if (svd.ConditionNumber > conditionLimit)
            throw new InfeasibleProblemException("the equality-constrained quadratic",
                $"its KKT matrix is singular (condition number {svd.ConditionNumber:G3} > {conditionLimit:G1}): the constraints Ax = b are inconsistent or redundant, or Q is singular on their null space.");
        var solution = kkt.Solve(rhs);
        return (solution.SubVector(0, n).ToArray(), solution.SubVector(n, m).ToArray());
    }
}
