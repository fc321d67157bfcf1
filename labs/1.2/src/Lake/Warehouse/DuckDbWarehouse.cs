using System.Numerics;
using DuckDB.NET.Data;
using StatelessMind.Labs.Lifecycle.Lake.Data;
using StatelessMind.Labs.Lifecycle.Lake.Delta;

namespace StatelessMind.Labs.Lifecycle.Lake.Warehouse;

/// <summary>
/// The warehouse (Snowflake's role): an embedded DuckDB database, loaded from a lakehouse snapshot — exactly the files
/// the snapshot lists, never whatever lies in the table's folder. DuckDB cannot read from the object store here
/// (no httpfs), so the snapshot's files are fetched into a staging folder laid out as the table is, and DuckDB reads
/// them with <c>read_parquet(…, hive_partitioning = true)</c>, which restores the day from the folder name.
/// </summary>
public sealed class DuckDbWarehouse : IDisposable
{
    private readonly DuckDBConnection _connection;

    public DuckDbWarehouse(string? databaseFile = null)
    {
        _connection = new DuckDBConnection(databaseFile is null ? "DataSource=:memory:" : $"DataSource={databaseFile}");
        _connection.Open();
    }

    /// <summary>Loads the snapshot into the table <c>sales</c> (replacing it); returns the rows loaded.</summary>
    public async Task<long> LoadAsync(DeltaTable table, DeltaSnapshot snapshot, string stagingFolder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(snapshot);
        var files = new List<string>();
        foreach (var file in snapshot.Files)
        {
            var local = Path.Combine(stagingFolder, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(local)!);
            var bytes = await table.Store.GetAsync($"{table.Root}/{file.Path}", cancellationToken)
                        ?? throw new FileNotFoundException($"{table.Root}/{file.Path} is referenced by version {snapshot.Version} but missing.");
            await File.WriteAllBytesAsync(local, bytes, cancellationToken);
            files.Add(local);
        }
        #region Exercise 1.2-3f: load the snapshot's Parquet files into DuckDB with the day restored from the partition folder (tests: WarehouseTests, LakehousePipelineTests, ExperimentTests)
        var list = string.Join(", ", files.Select(f => "'" + f.Replace("'", "''", StringComparison.Ordinal) + "'"));
        using var create = _connection.CreateCommand();
        create.CommandText = files.Count == 0
            ? "CREATE OR REPLACE TABLE sales (id BIGINT, customer_id INTEGER, day DATE, product VARCHAR, quantity INTEGER, amount_cents BIGINT)"
            : "CREATE OR REPLACE TABLE sales AS SELECT id, customer_id, CAST(day AS DATE) AS day, product, quantity, amount_cents " +
              $"FROM read_parquet([{list}], hive_partitioning = true)";
        await create.ExecuteNonQueryAsync(cancellationToken);
        #endregion
        return await ScalarAsync<long>("SELECT count(*) FROM sales", cancellationToken);
    }

    /// <summary>The row count and the content checksum, computed by DuckDB in SQL (the same rule as <see cref="ContentChecksum"/>).</summary>
    public async Task<DatasetDigest> DigestAsync(CancellationToken cancellationToken = default)
    {
        using var command = _connection.CreateCommand();
        command.CommandText =
            "SELECT count(*), coalesce(sum(CAST('0x' || substr(md5(concat_ws('|', id, customer_id, strftime(day, '%Y-%m-%d'), product, quantity, amount_cents)), 1, 15) AS BIGINT)), 0) FROM sales";
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DatasetDigest(reader.GetInt64(0), ToBigInteger(reader.GetValue(1)));
    }

    /// <summary>Rows per day, as the warehouse's SQL counts them.</summary>
    public async Task<IReadOnlyDictionary<DateOnly, long>> RowsPerDayAsync(CancellationToken cancellationToken = default)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT day, count(*) FROM sales GROUP BY day ORDER BY day";
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<DateOnly, long>();
        while (await reader.ReadAsync(cancellationToken)) result[DateOnly.FromDateTime(reader.GetDateTime(0))] = reader.GetInt64(1);
        return result;
    }

    public void Dispose() => _connection.Dispose();

    private async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync(cancellationToken))!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static BigInteger ToBigInteger(object value) => value switch
    {
        BigInteger b => b,
        long l => l,
        decimal d => new BigInteger(d),
        Int128 i => (BigInteger)i,
        _ => BigInteger.Parse(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!, System.Globalization.CultureInfo.InvariantCulture),
    };
}
