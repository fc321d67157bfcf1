namespace StatelessMind.Labs.LearningData.Preprocessing;

/// <summary>What to do to each column, before anything is fitted.</summary>
public sealed record PreprocessingSpec(IReadOnlyList<ColumnSpec> Columns, NumericScaling Scaling = NumericScaling.Standardize,
    UnseenCategoryPolicy Unseen = UnseenCategoryPolicy.AllZeros);
