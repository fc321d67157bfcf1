namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>Keys are ordered bytewise (unsigned lexicographic), as in LevelDB's default comparator.</summary>
internal static class KeyComparer
{
    public static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.SequenceCompareTo(b);
}
