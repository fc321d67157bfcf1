using System.IO.Hashing;
using System.Text;
using StatelessMind.Dataflow.Text;

namespace StatelessMind.Labs.MassiveData.NearDuplicates;

/// <summary>A document as a set: its word k-shingles (k consecutive lower-cased words), each hashed to 64 bits.</summary>
public static class Shingles
{
    public static ulong[] Of(string text, int k = 3)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var words = AsciiWords.Split(text).Select(w => w.ToLowerInvariant()).ToArray();
        if (words.Length < k) return words.Length == 0 ? [] : [Hash(string.Join(' ', words))];
        var set = new HashSet<ulong>();
        for (var i = 0; i + k <= words.Length; i++) set.Add(Hash(string.Join(' ', words, i, k)));
        return [.. set.Order()];
    }

    /// <summary>|A ∩ B| / |A ∪ B| of two sorted sets (1 for two empty sets).</summary>
    public static double Jaccard(ulong[] a, ulong[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length == 0 && b.Length == 0) return 1;
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { common++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return (double)common / (a.Length + b.Length - common);
    }

    private static ulong Hash(string shingle) => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(shingle));
}
