namespace StatelessMind.Labs.LearningData.Data;

/// <summary>
/// A numeric data set: one row of features per example and its target. For classification the target is the class
/// index (0 … <see cref="ClassNames"/>.Count − 1); for regression it is the value itself. Missing values are NaN.
/// </summary>
public sealed record TabularDataset(string Name, IReadOnlyList<string> FeatureNames, float[][] Features, float[] Targets,
    IReadOnlyList<string>? ClassNames)
{
    public int Count => Features.Length;
    public int FeatureCount => FeatureNames.Count;
    public bool IsClassification => ClassNames is not null;
    public int ClassCount => ClassNames?.Count ?? 0;

    /// <summary>Class indices (classification only).</summary>
    public int[] Labels => IsClassification
        ? [.. Targets.Select(t => (int)t)]
        : throw new InvalidOperationException($"{Name} is a regression data set: it has no class labels.");

    /// <summary>The rows at <paramref name="indices"/>, in that order.</summary>
    public TabularDataset Subset(IReadOnlyList<int> indices) =>
        this with { Features = [.. indices.Select(i => Features[i])], Targets = [.. indices.Select(i => Targets[i])] };

    public override string ToString() =>
        $"{Name} ({Count} rows × {FeatureCount} features, {(IsClassification ? $"{ClassCount} classes" : "regression")})";
}
