using System.Numerics;

namespace StatelessMind.Labs.Lifecycle.Lake.Data;

/// <summary>A dataset's row count and its order-independent content checksum (see <see cref="ContentChecksum"/>).</summary>
public sealed record DatasetDigest(long Rows, BigInteger Checksum)
{
    public override string ToString() => $"{Rows:N0} rows, checksum {Checksum}";
}
