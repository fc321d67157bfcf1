using static TorchSharp.torch;

namespace StatelessMind.Labs.NumericalMethods.Gradient;

/// <summary>
/// Adam written out (Kingma and Ba, 2015), to be held against torch.optim.Adam step for step: with gradient g at step t,
/// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), θ ← θ − α·m̂/(√v̂ + ε).
/// The gradient still comes from autograd; only the update is by hand.
/// </summary>
public sealed class AdamByHand(double learningRate, OptimizationBug bug = OptimizationBug.None)
{
    public const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;

    public TrainingRun Train(ModelKind kind, RegressionData data, int steps)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var scope = NewDisposeScope();
        var (x, y) = TorchTrainer.Tensors(data);
        var w = zeros([data.Columns, 1], ScalarType.Float64).requires_grad_(true);
        var b = zeros([1], ScalarType.Float64).requires_grad_(true);
        var parameters = new[] { w, b };
        var m = parameters.Select(p => zeros_like(p)).ToArray();
        var v = parameters.Select(p => zeros_like(p)).ToArray();
        var losses = new double[steps + 1];
        for (var t = 1; t <= steps; t++)
        {
            foreach (var p in parameters) p.grad?.zero_();
            using var loss = TorchTrainer.Loss(kind, x, y, w, b);
            loss.backward();
            losses[t - 1] = loss.item<double>();
            using (no_grad())
            {
                var correct = bug != OptimizationBug.AdamWithoutBiasCorrection;
                for (var i = 0; i < parameters.Length; i++) Update(parameters[i], parameters[i].grad!, m[i], v[i], t, correct);
            }
        }
        using (no_grad()) losses[steps] = TorchTrainer.Loss(kind, x, y, w, b).item<double>();
        return new TrainingRun("Adam by hand", losses, w.data<double>().ToArray(), b.item<double>());
    }

    /// <summary>One Adam update of <paramref name="parameter"/> in place, with its moment estimates m and v (also
    /// updated in place) at step t (1-based). Without <paramref name="biasCorrection"/>, m and v are used as they are.</summary>
    internal void Update(Tensor parameter, Tensor gradient, Tensor m, Tensor v, int t, bool biasCorrection)
    {
        #region Exercise 2.4-2b: the Adam update with bias-corrected moments (tests: AdamByHandTests)
        m.mul_(Beta1).add_(gradient, alpha: 1 - Beta1);
        v.mul_(Beta2).add_(gradient * gradient, alpha: 1 - Beta2);
        var mHat = biasCorrection ? m / (1 - Math.Pow(Beta1, t)) : m;
        var vHat = biasCorrection ? v / (1 - Math.Pow(Beta2, t)) : v;
        parameter.sub_(learningRate * mHat / (vHat.sqrt() + Epsilon));
        #endregion
    }
}
