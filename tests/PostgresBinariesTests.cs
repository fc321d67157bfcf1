using StatelessMind.Tests.Support;

namespace StatelessMind.Tests;

/// <summary>The harness takes the newest installed PostgreSQL of version 14 or later, and names what it found when only older ones are installed.</summary>
public sealed class PostgresBinariesTests : IDisposable
{
    private readonly string _folder = TestRuns.TemporaryFolder("pg-binaries");

    public void Dispose() => HostCommands.DeleteDirectory(_folder);

    /// <summary>A bin folder whose pg_ctl says it is <paramref name="version"/> (initdb only needs to exist).</summary>
    private string FakeBin(string version)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_folder, version, "bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "pg_ctl"), $"#!/bin/sh\necho 'pg_ctl (PostgreSQL) {version} (Debian {version}-1)'\n");
        File.WriteAllText(Path.Combine(bin, "initdb"), "#!/bin/sh\nexit 1\n");
        foreach (var tool in new[] { "pg_ctl", "initdb" })
            File.SetUnixFileMode(Path.Combine(bin, tool), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return bin;
    }

    [Fact]
    public void Only_an_older_server_fails_naming_the_version_found()
    {
        var old = FakeBin("13.11");
        var e = Assert.Throws<ServiceUnavailableException>(() => PostgresBinaries.LocateIn([old]));
        Assert.Contains($"PostgreSQL {PostgresBinaries.MinimumMajorVersion} or later is needed, but only PostgreSQL 13 ({old}) was found", e.Message);
        Assert.Contains("SM_PG_BIN", e.Message);
    }

    [Fact]
    public void The_newest_server_of_version_14_or_later_is_taken()
    {
        var v14 = FakeBin("14.12");
        var v16 = FakeBin("16.4");
        var v13 = FakeBin("13.11");
        var found = PostgresBinaries.LocateIn([v14, v13, v16]);
        Assert.Equal((v16, 16), (found.BinDirectory, found.MajorVersion));
        Assert.Equal(14, PostgresBinaries.LocateIn([v13, v14]).MajorVersion);
    }
}
