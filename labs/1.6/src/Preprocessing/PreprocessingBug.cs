namespace StatelessMind.Labs.LearningData.Preprocessing;

/// <summary>Deliberate mistakes <see cref="PreprocessingWorkflow"/> can make (tests only); <see cref="None"/> is the design.</summary>
public enum PreprocessingBug
{
    None,

    /// <summary>The pipeline is fitted on every row, validation and test included: their means, ranges and categories
    /// leak into the training features.</summary>
    FitOnAllRows,
}
