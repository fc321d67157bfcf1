namespace StatelessMind.Labs.MlOps.TextClassification;

/// <summary>The shape and training schedule of the GRU classifier.</summary>
public sealed record GruClassifierOptions
{
    public int EmbeddingSize { get; init; } = 64;
    public int HiddenSize { get; init; } = 64;
    public int Epochs { get; init; } = 8;
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 0.005;
    public int MaxTokens { get; init; } = 96;
    public long Seed { get; init; } = 1;
}
