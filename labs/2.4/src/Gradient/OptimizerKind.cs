namespace StatelessMind.Labs.NumericalMethods.Gradient;

/// <summary>The update rule of a gradient-descent run: plain gradient descent, heavy-ball momentum (β = 0.9), or Adam
/// (β₁ = 0.9, β₂ = 0.999, ε = 1e-8).</summary>
public enum OptimizerKind
{
    Sgd,
    Momentum,
    Adam,
}
