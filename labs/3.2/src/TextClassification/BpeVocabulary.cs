namespace StatelessMind.Labs.MlOps.TextClassification;

/// <summary>
/// What byte-pair-encoding training learned: the token → id map (the special tokens first, then the characters seen,
/// then one token per merge) and the merges in the order they were learned, which is their priority when encoding.
/// </summary>
/// <param name="TrainingTexts">How many texts the vocabulary was learned from.</param>
public sealed record BpeVocabulary(IReadOnlyDictionary<string, int> Tokens, IReadOnlyList<(string Left, string Right)> Merges, int TrainingTexts);
