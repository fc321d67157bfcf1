namespace StatelessMind.Labs.Lifecycle.Lake.Storage;

/// <summary>One listed object: its key and size in bytes.</summary>
public sealed record ObjectEntry(string Key, long Size);
