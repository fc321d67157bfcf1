namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>The WAL archive cannot take a restore where it was asked to go; names the segment at fault.</summary>
public abstract class WalArchiveException(string segment, string message) : Exception(message)
{
    public string Segment { get; } = segment;
}
