using StatelessMind.Labs.Lifecycle.Lake.Storage;

namespace StatelessMind.Labs.Lifecycle.Lake.Data;

/// <summary>
/// The lake: the raw zone of an object store, Hive-partitioned Parquet under a prefix
/// (<c>raw/sales/day=2025-01-03/part-00001.parquet</c>). No log: what is listed is what the dataset is.
/// </summary>
public static class LakeZone
{
    /// <summary>Writes the rows, each day's split into <paramref name="filesPerDay"/> files; returns the keys written.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(IObjectStore store, string prefix, IEnumerable<SaleRecord> rows, int filesPerDay,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var keys = new List<string>();
        foreach (var day in rows.GroupBy(r => r.Day).OrderBy(g => g.Key))
        {
            var list = day.ToList();
            var per = (list.Count + filesPerDay - 1) / filesPerDay;
            for (var f = 0; f * per < list.Count; f++)
            {
                var key = $"{prefix}/{SaleParquet.PartitionOf(day.Key)}/part-{f:D5}.parquet";
                await store.PutAsync(key, await SaleParquet.EncodeAsync(list.Skip(f * per).Take(per), cancellationToken), cancellationToken);
                keys.Add(key);
            }
        }
        return keys;
    }

    /// <summary>Reads every Parquet file listed under the prefix.</summary>
    public static async Task<IReadOnlyList<SaleRecord>> ReadAsync(IObjectStore store, string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = new List<SaleRecord>();
        foreach (var entry in await store.ListAsync(prefix + "/", cancellationToken: cancellationToken))
        {
            if (!entry.Key.EndsWith(".parquet", StringComparison.Ordinal)) continue;
            var bytes = await store.GetAsync(entry.Key, cancellationToken) ?? throw new FileNotFoundException($"{entry.Key} was listed but is gone.");
            rows.AddRange(await SaleParquet.DecodeAsync(bytes, SaleParquet.DayOfKey(entry.Key), cancellationToken));
        }
        return rows;
    }
}
