namespace StatelessMind.Labs.MlOps.TextClassification;

/// <summary>A train/test split of labelled texts.</summary>
public sealed record TextSplit(IReadOnlyList<FortuneText> Train, IReadOnlyList<FortuneText> Test);
