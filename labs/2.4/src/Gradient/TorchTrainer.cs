using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StatelessMind.Labs.NumericalMethods.Gradient;

/// <summary>
/// Gradient descent with TorchSharp's autograd (PyTorch's role): the model is ŷ = X·w + b, the loss mean squared
/// error (linear) or mean binary cross-entropy on the logits (logistic); each step asks autograd for ∂loss/∂(w, b)
/// and hands it to a torch.optim optimizer. Full batch, float64, weights start at zero: every run is deterministic.
/// </summary>
public static class TorchTrainer
{
    public const double MomentumBeta = 0.9;

    public static TrainingRun Train(ModelKind kind, RegressionData data, OptimizerKind kind2, double learningRate, int steps)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        using var scope = NewDisposeScope();
        var (x, y) = Tensors(data);
        var w = new Parameter(zeros([data.Columns, 1], ScalarType.Float64));
        var b = new Parameter(zeros([1], ScalarType.Float64));
        var parameters = new[] { w, b };
        using optim.Optimizer optimizer = kind2 switch
        {
            OptimizerKind.Sgd => optim.SGD(parameters, learningRate),
            OptimizerKind.Momentum => optim.SGD(parameters, learningRate, momentum: MomentumBeta),
            _ => optim.Adam(parameters, learningRate),
        };
        var losses = new double[steps + 1];
        for (var s = 0; s < steps; s++)
            losses[s] = Step(optimizer, kind, x, y, w, b);
        using (no_grad()) losses[steps] = Loss(kind, x, y, w, b).item<double>();
        return new TrainingRun(kind2.ToString(), losses, w.data<double>().ToArray(), b.item<double>());
    }

    /// <summary>One step: clear the gradients, compute the loss, back-propagate, let the optimizer update w and b.
    /// Returns the loss before the update.</summary>
    internal static double Step(optim.Optimizer optimizer, ModelKind kind, Tensor x, Tensor y, Tensor w, Tensor b)
    {
        #region Exercise 2.4-2a: one gradient step with autograd, zero_grad, loss, backward, step (tests: TorchTrainerTests.Every_step_lowers_the_loss_of_gradient_descent_with_step_one_over_L, TorchTrainerTests.Gradient_descent_reaches_the_least_squares_solution, TorchTrainerTests.Logistic_regression_by_adam_reaches_newtons_optimum)
        optimizer.zero_grad();
        using var loss = Loss(kind, x, y, w, b);
        loss.backward();
        optimizer.step();
        return loss.item<double>();
        #endregion
    }

    /// <summary>The mean loss of the model X·w + b on (X, y).</summary>
    internal static Tensor Loss(ModelKind kind, Tensor x, Tensor y, Tensor w, Tensor b)
    {
        using var prediction = x.matmul(w) + b;
        return kind == ModelKind.Linear
            ? nn.functional.mse_loss(prediction, y)
            : nn.functional.binary_cross_entropy_with_logits(prediction, y);
    }

    /// <summary>The data as float64 tensors: X of shape n × d, y of shape n × 1.</summary>
    internal static (Tensor X, Tensor Y) Tensors(RegressionData data)
    {
        var flat = new double[data.Rows * data.Columns];
        for (var i = 0; i < data.Rows; i++)
            for (var j = 0; j < data.Columns; j++) flat[i * data.Columns + j] = data.Features[i, j];
        return (tensor(flat, [data.Rows, data.Columns], ScalarType.Float64), tensor(data.Targets, [data.Rows, 1], ScalarType.Float64));
    }

    /// <summary>∂loss/∂w and ∂loss/∂b by autograd at the given point (for checking against the analytic gradient).</summary>
    public static (double[] Weights, double Bias) Gradient(ModelKind kind, RegressionData data, double[] weights, double bias)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(weights);
        using var scope = NewDisposeScope();
        var (x, y) = Tensors(data);
        var w = tensor(weights, [weights.Length, 1], ScalarType.Float64).requires_grad_(true);
        var b = tensor(new[] { bias }, [1], ScalarType.Float64).requires_grad_(true);
        Loss(kind, x, y, w, b).backward();
        return (w.grad!.data<double>().ToArray(), b.grad!.item<double>());
    }
}
