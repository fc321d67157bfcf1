namespace StatelessMind.Labs.LearningData.Preprocessing;

/// <summary>The fitted pipeline and the three parts of the data it encoded.</summary>
public sealed record PreparedData(FittedPreprocessor Fitted, float[][] Train, float[][] Validation, float[][] Test);
