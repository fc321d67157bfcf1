using System.Runtime.InteropServices;

namespace StatelessMind.Labs.Storage.Lsm.Files;

/// <summary>fsync of a directory, so that a rename or a new file's name is durable (POSIX; a no-op elsewhere).</summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;
    private const int Directory = 0x10000; // O_DIRECTORY on Linux

    public static void Sync(string path)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = Open(path, ReadOnly | Directory);
        if (fd < 0) throw new IOException($"open('{path}') for fsync failed: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"fsync('{path}') failed: errno {Marshal.GetLastPInvokeError()}");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc.so.6", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc.so.6", EntryPoint = "close")]
    private static partial int Close(int fd);
}
