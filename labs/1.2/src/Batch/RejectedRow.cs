namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>A quarantined row: its 1-based line number in the file (the header is line 1), why, and the raw text.</summary>
public sealed record RejectedRow(long LineNumber, RejectKind Kind, string Reason, string RawLine);
