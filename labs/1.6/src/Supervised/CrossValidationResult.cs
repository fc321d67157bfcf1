namespace StatelessMind.Labs.LearningData.Supervised;

/// <summary>k-fold cross-validation: each fold's held-out score, their mean and sample standard deviation.</summary>
public sealed record CrossValidationResult(double[] FoldScores, double Mean, double StandardDeviation);
