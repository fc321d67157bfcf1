namespace StatelessMind.Labs.MlOps.FeatureStore;

/// <summary>What is wrong with one view's values in one training row.</summary>
public enum ViolationKind
{
    /// <summary>The joined row's event time is after the label's timestamp: the future leaked into training.</summary>
    FromTheFuture,

    /// <summary>The joined row is older than the view's TTL at the label's timestamp.</summary>
    OlderThanTtl,

    /// <summary>A newer row, still valid at the label's timestamp, exists: the joined one is stale.</summary>
    NotTheLatest,

    /// <summary>Nothing was joined although a row was valid at the label's timestamp.</summary>
    Missing,

    /// <summary>The joined values differ from the source row with that event time, or no source row has that time.</summary>
    WrongValues,
}

/// <summary>One violation of point-in-time correctness: the training row (by index), the view, what, and the times involved.</summary>
public sealed record PointInTimeViolation(int Row, string View, ViolationKind Kind, string Detail);
