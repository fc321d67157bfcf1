using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.NumericalMethods.Gradient;

/// <summary>
/// The optimum each gradient-descent run is held against, computed without gradient descent: least squares by MathNet's
/// QR decomposition of [1 X] (linear), Newton's method / IRLS with MathNet solves (logistic: the loss is convex and
/// smooth, so Newton converges quadratically from zero). Also the largest eigenvalue L of the loss's Hessian, which
/// sets the step 1/L.
/// </summary>
public static class ClosedFormOptimum
{
    public static (double[] Weights, double Bias, double Loss) Solve(ModelKind kind, RegressionData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var design = Design(data);
        var y = Vector<double>.Build.DenseOfArray(data.Targets);
        Vector<double> beta;
        if (kind == ModelKind.Linear) beta = design.QR().Solve(y);
        else
        {
            beta = Vector<double>.Build.Dense(design.ColumnCount);
            for (var iteration = 0; iteration < 100; iteration++)
            {
                var p = (design * beta).Map(Sigmoid);
                var weights = p.Map(v => v * (1 - v));
                var hessian = design.TransposeThisAndMultiply(Matrix<double>.Build.DenseOfDiagonalVector(weights) * design);
                var step = hessian.Cholesky().Solve(design.TransposeThisAndMultiply(y - p));
                beta += step;
                if (step.InfinityNorm() < 1e-14) break;
            }
        }
        return ([.. beta.Skip(1)], beta[0], Loss(kind, design, y, beta));
    }

    /// <summary>λ_max of the Hessian of the mean loss at zero: (2/n)·DᵀD for squared error, (1/4n)·DᵀD bounds it for
    /// logistic loss (σ' ≤ 1/4).</summary>
    public static double Smoothness(ModelKind kind, RegressionData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var design = Design(data);
        var gram = design.TransposeThisAndMultiply(design) / data.Rows;
        return (kind == ModelKind.Linear ? 2 : 0.25) * gram.Evd().EigenValues.Real().Maximum();
    }

    /// <summary>The analytic gradient of the mean loss with respect to (w, b).</summary>
    public static (double[] Weights, double Bias) Gradient(ModelKind kind, RegressionData data, double[] weights, double bias)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(weights);
        var design = Design(data);
        var beta = Vector<double>.Build.DenseOfEnumerable(weights.Prepend(bias));
        var y = Vector<double>.Build.DenseOfArray(data.Targets);
        var linear = design * beta;
        var residual = kind == ModelKind.Linear ? 2 * (linear - y) : linear.Map(Sigmoid) - y;
        var gradient = design.TransposeThisAndMultiply(residual) / data.Rows;
        return ([.. gradient.Skip(1)], gradient[0]);
    }

    private static double Loss(ModelKind kind, Matrix<double> design, Vector<double> y, Vector<double> beta)
    {
        var linear = design * beta;
        if (kind == ModelKind.Linear) return (linear - y).PointwisePower(2).Average();
        // mean of log(1 + e^z) − y·z, computed stably
        return Enumerable.Range(0, y.Count).Average(i => Math.Max(linear[i], 0) + Math.Log(1 + Math.Exp(-Math.Abs(linear[i]))) - y[i] * linear[i]);
    }

    private static Matrix<double> Design(RegressionData data) =>
        Matrix<double>.Build.Dense(data.Rows, data.Columns + 1, (i, j) => j == 0 ? 1 : data.Features[i, j - 1]);

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
