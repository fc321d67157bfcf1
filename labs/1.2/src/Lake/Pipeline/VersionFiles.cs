namespace StatelessMind.Labs.Lifecycle.Lake.Pipeline;

/// <summary>One table version: its operation, how many data files are live in it and how many rows they hold.</summary>
public sealed record VersionFiles(long Version, string Operation, int Files, long Rows);
