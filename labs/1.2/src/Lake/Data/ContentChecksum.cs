using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace StatelessMind.Labs.Lifecycle.Lake.Data;

/// <summary>
/// The content checksum used at every hop: each row becomes the text <c>id|customer_id|yyyy-MM-dd|product|quantity|amount_cents</c>,
/// its MD5's first 15 hex digits are read as an integer, and the integers are summed (exactly). A sum does not depend on
/// row order or file layout; a lost, doubled or changed row changes it. The warehouse computes the same sum in SQL
/// (<c>md5</c>, a hex cast and <c>sum</c>), so DuckDB's answer is checked against one computed here from the source rows.
/// </summary>
public static class ContentChecksum
{
    public static string CanonicalText(SaleRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return string.Create(CultureInfo.InvariantCulture,
            $"{row.Id}|{row.CustomerId}|{row.Day:yyyy-MM-dd}|{row.Product}|{row.Quantity}|{row.AmountCents}");
    }

    public static long RowValue(SaleRecord row)
    {
        Span<byte> hash = stackalloc byte[16];
        MD5.HashData(Encoding.UTF8.GetBytes(CanonicalText(row)), hash);
        // 15 hex digits = the first 7.5 bytes: the top 60 bits of the first 8.
        return (long)(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash) >> 4);
    }

    public static DatasetDigest Of(IEnumerable<SaleRecord> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        long count = 0;
        Int128 sum = 0;
        foreach (var row in rows)
        {
            count++;
            sum += RowValue(row);
        }
        return new DatasetDigest(count, (BigInteger)sum);
    }
}
