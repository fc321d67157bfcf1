namespace StatelessMind.Labs.MlOps.FeatureStore;

/// <summary>Deliberate mistakes of the feature store (tests only); <see cref="None"/> is the design.</summary>
public enum FeatureStoreBug
{
    None,

    /// <summary>Training-set retrieval joins each entity's latest row whatever the label's timestamp: values from the
    /// future leak into the training set (the classic feature-leakage bug point-in-time joins exist to prevent).</summary>
    JoinLatestRegardlessOfLabelTime,
}
