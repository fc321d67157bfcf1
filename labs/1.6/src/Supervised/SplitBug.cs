namespace StatelessMind.Labs.LearningData.Supervised;

/// <summary>Deliberate mistakes <see cref="DataSplits"/> can make (tests only); <see cref="None"/> is the design.</summary>
public enum SplitBug
{
    None,

    /// <summary>The test rows are also put into the training set: the held-out score measures memory, not generalisation.</summary>
    TestRowsInTraining,

    /// <summary>Each fold's validation rows are also kept in its training rows.</summary>
    ValidationRowsInFoldTraining,
}
