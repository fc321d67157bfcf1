using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StatelessMind.Labs.DimensionalModeling.SlowlyChanging;

/// <summary>
/// What each type of slowly changing dimension must hold after each load, computed in C# from the loads alone —
/// never read back from the database: the reference the built tables are compared with, row for row.
/// </summary>
public static class ExpectedHistory
{
    /// <summary>
    /// A type-2 history after loads 0…<paramref name="upTo"/>. A key seen for the first time opens a version; a changed
    /// key closes its open version and opens another; a key missing from a load has its open version closed at that
    /// run's time when <paramref name="hardDeletes"/>. Timestamp strategy (<paramref name="checkColumns"/> null):
    /// "changed" means updated_at later than the open version's start, and versions start and end at updated_at.
    /// Check strategy: one of the columns differs, and versions start and end at the run's time.
    /// </summary>
    public static IReadOnlyList<HistoryRow> Type2(CustomerProfileLoads loads, int upTo, IReadOnlyList<string>? checkColumns, bool hardDeletes)
    {
        var timestamp = checkColumns is null;
        var closed = new List<HistoryRow>();
        var open = new Dictionary<int, HistoryRow>();
        for (var k = 0; k <= upTo; k++)
        {
            var run = loads.RunTimes[k];
            var present = new HashSet<int>();
            foreach (var c in loads.Loads[k])
            {
                present.Add(c.CustomerId);
                var start = timestamp ? c.UpdatedAt : run;
                var version = new HistoryRow(c.CustomerId, c.FullName, c.Segment, c.City, timestamp ? c.UpdatedAt : null,
                    Md5Hex(string.Create(CultureInfo.InvariantCulture, $"{c.CustomerId}|{start:yyyy-MM-dd HH:mm:ss}")), start, start, null);
                if (!open.TryGetValue(c.CustomerId, out var current))
                {
                    open[c.CustomerId] = version;
                    continue;
                }
                var changed = timestamp
                    ? current.ValidFrom < c.UpdatedAt
                    : checkColumns!.Any(col => !string.Equals(Column(current, col), Column(c, col), StringComparison.Ordinal));
                if (!changed) continue;
                closed.Add(current with { ValidTo = start });
                open[c.CustomerId] = version;
            }
            if (!hardDeletes || k == 0) continue;
            foreach (var gone in open.Keys.Where(key => !present.Contains(key)).ToList())
            {
                closed.Add(open[gone] with { ValidTo = run });
                open.Remove(gone);
            }
        }
        return closed.Concat(open.Values).OrderBy(r => r.CustomerId).ThenBy(r => r.ValidFrom).ToList();
    }

    /// <summary>Type 1 after loads 0…<paramref name="upTo"/>: every key ever loaded, with the values of the last load that held it.</summary>
    public static IReadOnlyList<CustomerProfile> Type1(CustomerProfileLoads loads, int upTo)
    {
        var rows = new SortedDictionary<int, CustomerProfile>();
        for (var k = 0; k <= upTo; k++)
            foreach (var c in loads.Loads[k]) rows[c.CustomerId] = c;
        return rows.Values.ToList();
    }

    /// <summary>
    /// Type 3 after loads 0…<paramref name="upTo"/>: the current segment, the segment before the last change (null if
    /// it never changed) and the updated_at of that change; a key missing from a load keeps its row.
    /// </summary>
    public static IReadOnlyList<Type3Row> Type3(CustomerProfileLoads loads, int upTo)
    {
        var rows = new SortedDictionary<int, Type3Row>();
        for (var k = 0; k <= upTo; k++)
            foreach (var c in loads.Loads[k])
                rows[c.CustomerId] = rows.TryGetValue(c.CustomerId, out var prev) && prev.Segment != c.Segment
                    ? new Type3Row(c.CustomerId, c.FullName, c.Segment, prev.Segment, c.UpdatedAt)
                    : new Type3Row(c.CustomerId, c.FullName, c.Segment, prev?.PreviousSegment, prev?.SegmentChangedAt);
        return rows.Values.ToList();
    }

    private static string Column(HistoryRow row, string column) => column switch
    {
        "full_name" => row.FullName, "segment" => row.Segment, "city" => row.City,
        _ => throw new ArgumentException($"no column '{column}' to check", nameof(column)),
    };

    private static string Column(CustomerProfile row, string column) => column switch
    {
        "full_name" => row.FullName, "segment" => row.Segment, "city" => row.City,
        _ => throw new ArgumentException($"no column '{column}' to check", nameof(column)),
    };

    private static string Md5Hex(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
