namespace StatelessMind.Labs.MlOps.TextClassification;

/// <summary>The row ML.NET reads: a text and its category.</summary>
public sealed class TextRow
{
    public string Text { get; set; } = "";
    public string Label { get; set; } = "";
}
