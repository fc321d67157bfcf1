namespace StatelessMind.Labs.Transformation.Snapshots;

/// <summary>A snapshot file (<c>snapshots/**/*.sql</c>) after rendering: its block name, path, config and select.</summary>
public sealed record SnapshotFile(string Name, string RelativePath, SnapshotConfig Config, string Sql);
