namespace StatelessMind.Labs.Storage.Lsm.Files;

/// <summary>
/// Every file operation the LSM tree makes, so that the same code runs on the real file system
/// (<see cref="OsFileSystem"/>) and on <see cref="FaultInjectionFileSystem"/>, which can cut the power.
/// Durability follows POSIX: a file's bytes survive a power cut once the file was synced; a new name, a rename
/// or a delete survives once its directory was synced.
/// </summary>
internal interface IFileSystem
{
    void CreateDirectory(string directory);

    /// <summary>The names (not paths) of the files in <paramref name="directory"/>.</summary>
    IReadOnlyList<string> ListFiles(string directory);

    bool Exists(string path);

    byte[] ReadAllBytes(string path);

    /// <summary>Creates a new file for sequential writing; fails if it exists. <paramref name="buffered"/>: appends
    /// may wait in a user-space buffer until <see cref="IWritableFile.Flush"/> (false: every append is one write(2)).</summary>
    IWritableFile Create(string path, bool buffered);

    IRandomAccessFile OpenRandomAccess(string path);

    /// <summary>Renames, replacing <paramref name="destination"/> if it exists (rename(2)).</summary>
    void Rename(string source, string destination);

    void Delete(string path);

    /// <summary>Cuts the file to <paramref name="length"/> bytes and syncs it.</summary>
    void Truncate(string path, long length);

    /// <summary>fsync of the directory: makes the names created, renamed and deleted in it durable.</summary>
    void SyncDirectory(string directory);

    /// <summary>An exclusive lock on the directory, held until disposed (one process per tree).</summary>
    IDisposable LockDirectory(string directory);

    /// <summary>Bytes the file system holds for the directory's files, including files already deleted but still
    /// open (their blocks are freed only when the last handle closes).</summary>
    long SpaceUsed(string directory);
}
