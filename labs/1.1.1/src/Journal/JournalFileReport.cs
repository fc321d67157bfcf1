namespace StatelessMind.Labs.Reliability.Journal;

/// <summary>
/// What an independent reading of journal.dat found: records with a valid CRC-32C and consecutive
/// seq from 1, the sum of their amounts, and where (if anywhere) the first bad byte is.
/// </summary>
public sealed record JournalFileReport(long Records, long LastSeq, long State, long ValidEnd, long FileSize, string? FirstProblem)
{
    /// <summary>Every byte of the file belongs to a valid record.</summary>
    public bool IsClean => ValidEnd == FileSize && FirstProblem is null;
}
