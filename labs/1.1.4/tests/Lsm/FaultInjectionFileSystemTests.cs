using StatelessMind.Labs.Storage.Lsm;
using StatelessMind.Labs.Storage.Lsm.Files;

namespace StatelessMind.Labs.Storage.Tests.Lsm;

/// <summary>The fault-injecting file system keeps exactly what POSIX promises across a process kill and a power cut.</summary>
public sealed class FaultInjectionFileSystemTests
{
    private const string Dir = "/d";

    private static (FaultInjectionFileSystem Disk, IFileSystem Fs) New()
    {
        var disk = new FaultInjectionFileSystem();
        var fs = disk.NewProcess();
        fs.CreateDirectory(Dir);
        return (disk, fs);
    }

    private static IWritableFile Write(IFileSystem fs, string name, byte[] bytes, bool sync)
    {
        var f = fs.Create($"{Dir}/{name}", buffered: false);
        f.Append(bytes);
        if (sync) f.Sync();
        return f;
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void AProcessKillKeepsEverythingTheOperatingSystemHad()
    {
        var (disk, fs) = New();
        Write(fs, "a", [1, 2, 3], sync: false);
        fs.Rename($"{Dir}/a", $"{Dir}/b");
        disk.Crash(powerLoss: false);
        var after = disk.NewProcess();
        Assert.Equal([1, 2, 3], after.ReadAllBytes($"{Dir}/b"));
        Assert.Throws<SimulatedCrashException>(() => fs.ListFiles(Dir)); // the killed process can do nothing more
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void APowerCutDropsUnsyncedBytesAndUnsyncedNames()
    {
        var (disk, fs) = New();
        var synced = Write(fs, "synced", [1, 2, 3], sync: true);
        fs.SyncDirectory(Dir);
        synced.Append([4, 5]);                          // not synced
        Write(fs, "nameless", [9], sync: true);         // data synced, name not
        fs.Delete($"{Dir}/synced");                     // not synced either
        disk.Crash(powerLoss: true);
        var after = disk.NewProcess();
        Assert.Equal(["synced"], after.ListFiles(Dir));
        Assert.Equal([1, 2, 3], after.ReadAllBytes($"{Dir}/synced"));
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void ARenameIsDurableOnlyOnceTheDirectoryIsSynced()
    {
        var (disk, fs) = New();
        Write(fs, "MANIFEST", [1], sync: true);
        Write(fs, "tmp", [2], sync: true);
        fs.SyncDirectory(Dir);
        fs.Rename($"{Dir}/tmp", $"{Dir}/MANIFEST");
        disk.Crash(powerLoss: true);
        var after = disk.NewProcess();
        Assert.Equal([1], after.ReadAllBytes($"{Dir}/MANIFEST"));
        after.Rename($"{Dir}/tmp", $"{Dir}/MANIFEST");
        after.SyncDirectory(Dir);
        disk.Crash(powerLoss: true);
        Assert.Equal([2], disk.NewProcess().ReadAllBytes($"{Dir}/MANIFEST"));
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void ATornWriteKeepsAPrefixOfTheUnsyncedBytes()
    {
        var (disk, fs) = New();
        var f = Write(fs, "log", [1, 2], sync: true);
        fs.SyncDirectory(Dir);
        f.Append([3, 4, 5, 6, 7, 8]);
        disk.Crash(powerLoss: true, tornWrites: new Random(3));
        var bytes = disk.NewProcess().ReadAllBytes($"{Dir}/log");
        Assert.InRange(bytes.Length, 2, 8);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }.Take(bytes.Length), bytes);
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void ADeletedFileKeepsItsSpaceWhileOpen()
    {
        var (_, fs) = New();
        Write(fs, "t", new byte[1000], sync: true).Dispose();
        var reader = fs.OpenRandomAccess($"{Dir}/t");
        fs.Delete($"{Dir}/t");
        Assert.Equal(1000, fs.SpaceUsed(Dir));
        Span<byte> one = stackalloc byte[1];
        Assert.Equal(1, reader.Read(one, 999)); // still readable, as on POSIX
        reader.Dispose();
        Assert.Equal(0, fs.SpaceUsed(Dir));
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void AnInjectedAppendErrorWritesHalfTheBytesThenThrows()
    {
        var (disk, fs) = New();
        var f = Write(fs, "log", [], sync: false);
        disk.FailWhen = (op, _) => op == FileOperation.Append;
        Assert.Throws<IOException>(() => f.Append([1, 2, 3, 4]));
        disk.FailWhen = null;
        Assert.Equal([1, 2], fs.ReadAllBytes($"{Dir}/log"));
    }
}
