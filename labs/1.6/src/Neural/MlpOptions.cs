namespace StatelessMind.Labs.LearningData.Neural;

/// <summary>A one-hidden-layer perceptron and its full-batch Adam training.</summary>
public sealed record MlpOptions
{
    public int Hidden { get; init; } = 32;
    public int Epochs { get; init; } = 300;
    public double LearningRate { get; init; } = 0.01;
    public double WeightDecay { get; init; } = 1e-3;
    public long Seed { get; init; } = 1;
}
