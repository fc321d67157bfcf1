namespace StatelessMind.Labs.NumericalMethods.Gradient;

/// <summary>Linear regression (mean squared error) or logistic regression (mean binary cross-entropy on logits).</summary>
public enum ModelKind
{
    Linear,
    Logistic,
}
