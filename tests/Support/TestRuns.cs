using StatelessMind.Harness.Reporting;

namespace StatelessMind.Tests.Support;

/// <summary>Provenance and folders for tests that drive the runner.</summary>
internal static class TestRuns
{
    public static RunProvenance Provenance(Scale scale = Scale.Small, DateTimeOffset? startedAt = null) =>
        new("0123456789abcdef0123456789abcdef01234567", Dirty: false, startedAt ?? DateTimeOffset.UtcNow, scale, 7, MachineDescription.Current());

    /// <summary>A fresh folder under the system's temp folder; the caller removes it.</summary>
    public static string TemporaryFolder(string purpose) =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "stateless-mind-tests", purpose, Guid.NewGuid().ToString("N")[..8])).FullName;
}
