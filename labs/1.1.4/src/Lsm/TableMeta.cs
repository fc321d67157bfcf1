namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>What the manifest records about one live table.</summary>
internal sealed record TableMeta(long FileNumber, int Level, long FileSize, long Entries, byte[] Smallest, byte[] Largest)
{
    public static string FileName(long number) => $"{number:D6}.sst";

    public bool Overlaps(ReadOnlySpan<byte> smallest, ReadOnlySpan<byte> largest) =>
        KeyComparer.Compare(Largest, smallest) >= 0 && KeyComparer.Compare(Smallest, largest) <= 0;
}
