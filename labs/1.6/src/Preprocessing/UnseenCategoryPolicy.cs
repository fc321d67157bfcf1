namespace StatelessMind.Labs.LearningData.Preprocessing;

/// <summary>What a nominal column does with a value it never saw in training: encode it as all zeros (no category
/// fires, as scikit-learn's OneHotEncoder(handle_unknown="ignore")), or refuse the row with a typed error.</summary>
public enum UnseenCategoryPolicy
{
    AllZeros,
    Error,
}
