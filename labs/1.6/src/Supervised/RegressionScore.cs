namespace StatelessMind.Labs.LearningData.Supervised;

/// <summary>Held-out regression metrics: R² (1 − residual / total variance), root mean squared and mean absolute error.</summary>
public sealed record RegressionScore(double RSquared, double RootMeanSquaredError, double MeanAbsoluteError);
