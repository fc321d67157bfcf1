namespace StatelessMind.Labs.LearningData.Preprocessing;

/// <summary>Standardisation: (x − mean) / standard deviation (population, as scikit-learn's StandardScaler).
/// Min–max normalisation: (x − min) / (max − min), 0 … 1 on the training rows (not clipped beyond them).</summary>
public enum NumericScaling
{
    Standardize,
    MinMax,
}
