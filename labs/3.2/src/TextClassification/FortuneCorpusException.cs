namespace StatelessMind.Labs.MlOps.TextClassification;

/// <summary>A fortune file is missing, unreadable or holds no text; the message names the file and what to do.</summary>
public sealed class FortuneCorpusException(string message) : Exception(message);
