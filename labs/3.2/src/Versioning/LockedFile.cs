namespace StatelessMind.Labs.MlOps.Versioning;

/// <summary>A dependency or output as dvc.lock records it: its path, md5 and size when the stage last ran.</summary>
public sealed record LockedFile(string Path, string Md5, long Size);
