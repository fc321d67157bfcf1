namespace StatelessMind.Labs.MlOps.Versioning;

/// <summary>A cache object whose content no longer hashes to the md5 it is stored under.</summary>
public sealed class CorruptCacheEntryException(string expectedMd5, string actualMd5, string path)
    : Exception($"Cache entry {path} is corrupt: its content hashes to {actualMd5}, not {expectedMd5}.")
{
    public string ExpectedMd5 { get; } = expectedMd5;
    public string ActualMd5 { get; } = actualMd5;
    public string ObjectPath { get; } = path;
}
