namespace StatelessMind.Labs.Storage.Tests;

/// <summary>A fresh folder under the temp directory, removed on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix) =>
        Path = System.IO.Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sm-1.1.4-{prefix}-{Guid.NewGuid():N}")).FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* best effort */ }
    }
}
