namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>A message the sink will not apply: it goes to the dead-letter topic with <paramref name="Error"/> in a header.</summary>
public sealed record DeadLetter(SinkMessage Source, DeadLetterKind Kind, string Error);
