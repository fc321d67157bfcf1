namespace StatelessMind.Labs.LearningData.Supervised;

/// <summary>Held-out classification metrics (ML.NET's evaluator): accuracy over rows (micro), the mean of per-class
/// accuracies (macro) and the log-loss of the predicted probabilities.</summary>
public sealed record ClassificationScore(double Accuracy, double MacroAccuracy, double LogLoss);
