namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>
/// What one run of the batch load did. <see cref="InputRows"/> = <see cref="Accepted"/> + <see cref="Rejected"/>
/// always; <see cref="Inserted"/> counts accepted rows that were new to the table (0 on a re-run).
/// </summary>
public sealed record BatchIngestReport(
    string SourceFile,
    long InputRows,
    long Accepted,
    long Rejected,
    long Inserted,
    long QuarantineInserted,
    IReadOnlyDictionary<RejectKind, long> RejectsByKind,
    TimeSpan Elapsed,
    TimeSpan CleaningTime,
    TimeSpan CopyTime)
{
    public long AlreadyPresent => Accepted - Inserted;
    public double RowsPerSecond => InputRows / Elapsed.TotalSeconds;
}
