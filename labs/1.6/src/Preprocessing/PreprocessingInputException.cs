namespace StatelessMind.Labs.LearningData.Preprocessing;

/// <summary>A row or table cannot be preprocessed: a missing column, a cell that is not a number, a category the pipeline
/// refuses. Names the column and the row (−1 when the whole table is concerned).</summary>
public sealed class PreprocessingInputException(string column, int row, string message)
    : Exception(row >= 0 ? $"column '{column}', row {row}: {message}" : $"column '{column}': {message}")
{
    public string Column { get; } = column;
    public int Row { get; } = row;
}
