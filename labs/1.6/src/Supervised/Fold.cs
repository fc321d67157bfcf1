namespace StatelessMind.Labs.LearningData.Supervised;

/// <summary>One fold of k-fold cross-validation: the rows to fit on and the held-out rows to score.</summary>
public sealed record Fold(int Index, int[] Train, int[] Validation);
