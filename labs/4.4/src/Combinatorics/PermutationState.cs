namespace StatelessMind.Labs.DiscreteMath.Combinatorics;

/// <summary>Which of the n positions the current permutation uses, so that the next free one is found without a scan of the tuple.</summary>
internal sealed class PermutationState(int n, int r)
{
    private readonly bool[] _used = new bool[n];

    public int Length => r;

    public void MarkUsed(int[] indices)
    {
        Array.Clear(_used);
        foreach (var i in indices) _used[i] = true;
    }

    public void Release(int index) => _used[index] = false;

    public void Take(int index) => _used[index] = true;

    /// <summary>The smallest unused position greater than <paramref name="index"/>, or −1.</summary>
    public int SmallestFreeAbove(int index)
    {
        for (var i = index + 1; i < _used.Length; i++)
            if (!_used[i]) return i;
        return -1;
    }
}
