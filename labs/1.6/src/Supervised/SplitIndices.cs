namespace StatelessMind.Labs.LearningData.Supervised;

/// <summary>Row indices of a train / validation / test split.</summary>
public sealed record SplitIndices(int[] Train, int[] Validation, int[] Test);
