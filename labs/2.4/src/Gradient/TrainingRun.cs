namespace StatelessMind.Labs.NumericalMethods.Gradient;

/// <summary>A gradient-descent run: the loss on the whole data before each step (and after the last), and the
/// weights and bias it ended with.</summary>
public sealed record TrainingRun(string Optimizer, double[] Losses, double[] Weights, double Bias)
{
    public double FinalLoss => Losses[^1];
}
