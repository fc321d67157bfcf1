namespace StatelessMind.Labs.MassiveData.NearDuplicates;

/// <summary>
/// MinHash signatures: n hash functions h_i(x) = (a_i·x + b_i) mod p over p = 2^61 − 1 (a_i, b_i random, a_i ≠ 0);
/// a set's signature holds, for each i, the least h_i over its elements. For two sets, the chance that one row of
/// their signatures agrees is their Jaccard similarity.
/// </summary>
public sealed class MinHasher
{
    private const ulong Prime = (1UL << 61) - 1;
    private readonly ulong[] _a;
    private readonly ulong[] _b;

    public MinHasher(int hashes, int seed, MinHashBug bug = MinHashBug.None, int rowsPerBand = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hashes, 1);
        var random = new Random(seed);
        _a = new ulong[hashes];
        _b = new ulong[hashes];
        for (var i = 0; i < hashes; i++)
        {
            // With the planted bug, row i reuses the functions of row i mod r: every band is the first band again.
            var source = bug == MinHashBug.SameHashesInEveryBand && i >= rowsPerBand ? i % rowsPerBand : -1;
            _a[i] = source >= 0 ? _a[source] : 1 + (ulong)random.NextInt64(1, (long)Prime - 1);
            _b[i] = source >= 0 ? _b[source] : (ulong)random.NextInt64(0, (long)Prime - 1);
        }
    }

    public int Hashes => _a.Length;

    public ulong[] Signature(ulong[] set)
    {
        ArgumentNullException.ThrowIfNull(set);
        #region Exercise 4.3-2c: for each hash function, the least (a·x + b) mod p over the set's elements (tests: MinHashTests.Signature_agreement_estimates_the_jaccard_similarity)
        var signature = new ulong[_a.Length];
        Array.Fill(signature, ulong.MaxValue);
        foreach (var element in set)
        {
            var x = element % Prime;
            for (var i = 0; i < _a.Length; i++)
            {
                var h = MulAddMod(_a[i], x, _b[i]);
                if (h < signature[i]) signature[i] = h;
            }
        }
        return signature;
        #endregion
    }

    /// <summary>The fraction of rows where two signatures agree: an unbiased estimate of the Jaccard similarity.</summary>
    public static double EstimatedSimilarity(ulong[] a, ulong[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return (double)a.Zip(b).Count(p => p.First == p.Second) / a.Length;
    }

    /// <summary>(a·x + b) mod 2^61 − 1 without overflow, using the 128-bit product.</summary>
    private static ulong MulAddMod(ulong a, ulong x, ulong b)
    {
        var product = (UInt128)a * x + b;
        var low = (ulong)(product & Prime);
        var high = (ulong)(product >> 61);
        var r = low + high;
        return r >= Prime ? r - Prime : r;
    }
}
