namespace StatelessMind.Labs.MlOps.TextClassification;

/// <summary>One text of a fortune file and the category (the file's name) it came from: the label to predict.</summary>
public sealed record FortuneText(string Text, string Category);
