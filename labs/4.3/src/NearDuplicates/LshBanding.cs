using StatelessMind.Dataflow;
using StatelessMind.Dataflow.Partitioning;

namespace StatelessMind.Labs.MassiveData.NearDuplicates;

/// <summary>
/// Locality-sensitive hashing by banding: a signature of b·r rows is cut into b bands of r rows; two documents are
/// candidates if any band of theirs is identical (hashed to the same bucket). A pair with Jaccard similarity s becomes
/// a candidate with probability 1 − (1 − s^r)^b, an S-curve whose threshold is near (1/b)^(1/r). On the dataflow
/// layer: (band, bucket) keys are shuffled so each bucket's documents meet, and the candidate pairs are de-duplicated.
/// </summary>
public sealed class LshBanding(int bands, int rows)
{
    public int Bands { get; } = bands;
    public int Rows { get; } = rows;
    public int SignatureLength => Bands * Rows;

    /// <summary>The S-curve: the probability that a pair of similarity s becomes a candidate.</summary>
    public double CandidateProbability(double s) => 1 - Math.Pow(1 - Math.Pow(s, Rows), Bands);

    /// <summary>About where the S-curve rises: (1/b)^(1/r).</summary>
    public double Threshold => Math.Pow(1.0 / Bands, 1.0 / Rows);

    /// <summary>The bucket of each band of a signature: a hash of the band's r rows.</summary>
    public IEnumerable<(int Band, ulong Bucket)> Buckets(ulong[] signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.Length != SignatureLength) throw new ArgumentException($"A signature of {SignatureLength} rows is expected, got {signature.Length}.", nameof(signature));
        #region Exercise 4.3-2d: one bucket per band, hashed from that band's r rows (tests: LshBandingTests)
        for (var band = 0; band < Bands; band++)
        {
            var h = 14695981039346656037UL; // FNV-1a over the band's rows
            for (var row = band * Rows; row < (band + 1) * Rows; row++)
            {
                h ^= signature[row];
                h *= 1099511628211UL;
            }
            yield return (band, h);
        }
        #endregion
    }

    /// <summary>True if two signatures share a bucket in some band.</summary>
    public bool AreCandidates(ulong[] a, ulong[] b) => Buckets(a).Zip(Buckets(b)).Any(p => p.First == p.Second);

    /// <summary>The candidate pairs (i &lt; j) among documents given by id and signature, found through a shuffle on (band, bucket).</summary>
    public IReadOnlyList<(int A, int B)> CandidatePairs(Dataset<(int Id, ulong[] Signature)> documents, int partitions)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return documents
            .FlatMap(d => Buckets(d.Signature).Select(b => ((b.Band, (long)b.Bucket), d.Id)))
            .GroupByKey(new HashPartitioner<(int, long)>(partitions))
            .FlatMap(g => PairsOf(g.Values))
            .Distinct(partitions)
            .Collect();
    }

    private static IEnumerable<(int, int)> PairsOf(IReadOnlyList<int> ids)
    {
        var sorted = ids.Distinct().Order().ToArray();
        for (var i = 0; i < sorted.Length; i++)
            for (var j = i + 1; j < sorted.Length; j++)
                yield return (sorted[i], sorted[j]);
    }
}
