namespace StatelessMind.Labs.Storage.Lsm.Files;

/// <summary>The operations <see cref="FaultInjectionFileSystem.FailWhen"/> can make fail, as a disk error would.</summary>
internal enum FileOperation
{
    Create,
    Append,
    Sync,
    Read,
    Rename,
    Delete,
    Truncate,
    SyncDirectory,
}
