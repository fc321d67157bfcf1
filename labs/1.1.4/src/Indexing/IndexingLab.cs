using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace StatelessMind.Labs.Storage.Indexing;

/// <summary>
/// Indexing strategies on a generated <c>orders</c> table in PostgreSQL. Each case starts from a table with no
/// index at all, runs its query without an index (the baseline), builds its one index, and runs the query again
/// under EXPLAIN (ANALYZE, BUFFERS): plan nodes, buffers and time, the index's size and build time, and what
/// the index costs an INSERT of a batch of new rows (time and WAL bytes, in a transaction that is rolled back).
/// </summary>
public sealed class IndexingLab(string connectionString, int rows)
{
    public int Rows { get; } = rows;
    public int InsertBatch => Math.Clamp(Rows / 100, 1_000, 30_000);

    /// <summary>The cases of the lab, with constants scaled to the table.</summary>
    public IReadOnlyList<IndexingCase> Cases()
    {
        var mid = Rows / 2;
        var customers = Math.Max(1, Rows / 20);
        var t0 = CreatedAt(Rows / 3);
        var pendingFrom = CreatedAt(Rows * 9 / 10);
        string Ts(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "+00";
        return
        [
            new("primary key, point query", "B-tree (primary key)", "ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id)", "orders_pkey",
                $"SELECT id, customer_id, amount_cents FROM orders WHERE id = {mid}", ["Index Scan", "Index Only Scan"]),
            new("secondary, equality", "B-tree (secondary)", "CREATE INDEX orders_customer_idx ON orders (customer_id)", "orders_customer_idx",
                $"SELECT id, amount_cents FROM orders WHERE customer_id = {customers / 3} ORDER BY id", ["Index Scan", "Bitmap Index Scan"]),
            new("hash, equality", "hash", "CREATE INDEX orders_email_hash ON orders USING hash (email)", "orders_email_hash",
                "SELECT id FROM orders WHERE email = 'User123@Example.com' ORDER BY id", ["Index Scan", "Bitmap Index Scan"]),
            new("composite, leading column", "composite (customer_id, created_at)", "CREATE INDEX orders_cust_created ON orders (customer_id, created_at)", "orders_cust_created",
                $"SELECT id FROM orders WHERE customer_id = {customers / 3} AND created_at >= '{Ts(CreatedAt(0))}' ORDER BY id", ["Index Scan", "Bitmap Index Scan", "Index Only Scan"]),
            new("composite, second column only", "composite (customer_id, created_at)", "CREATE INDEX orders_cust_created ON orders (customer_id, created_at)", null,
                $"SELECT count(*) FROM orders WHERE created_at >= '{Ts(t0)}' AND created_at < '{Ts(t0.AddHours(2))}'", ["Seq Scan", "Parallel Seq Scan", "a full Index Only Scan"],
                ExpectsFullScan: true),
            new("covering, index-only scan", "B-tree INCLUDE (covering)", "CREATE INDEX orders_cust_incl ON orders (customer_id) INCLUDE (amount_cents)", "orders_cust_incl",
                $"SELECT customer_id, sum(amount_cents) FROM orders WHERE customer_id BETWEEN {customers / 4} AND {customers / 4 + customers / 100 + 1} GROUP BY customer_id ORDER BY customer_id",
                ["Index Only Scan"], VacuumFirst: true),
            new("partial", "partial B-tree (WHERE status = 'pending')", "CREATE INDEX orders_pending_created ON orders (created_at) WHERE status = 'pending'", "orders_pending_created",
                $"SELECT id FROM orders WHERE status = 'pending' AND created_at >= '{Ts(pendingFrom)}' ORDER BY id", ["Index Scan", "Bitmap Index Scan"]),
            new("expression", "B-tree on lower(email)", "CREATE INDEX orders_lower_email ON orders (lower(email))", "orders_lower_email",
                "SELECT id FROM orders WHERE lower(email) = 'user123@example.com' ORDER BY id", ["Index Scan", "Bitmap Index Scan"]),
            new("BRIN, correlated timestamp", "BRIN on created_at", "CREATE INDEX orders_created_brin ON orders USING brin (created_at)", "orders_created_brin",
                $"SELECT count(*), sum(amount_cents) FROM orders WHERE created_at >= '{Ts(t0)}' AND created_at < '{Ts(t0.AddHours(2))}'", ["Bitmap Index Scan"]),
            new("GIN, jsonb containment", "GIN (jsonb_path_ops)", "CREATE INDEX orders_attrs_gin ON orders USING gin (attrs jsonb_path_ops)", "orders_attrs_gin",
                """SELECT count(*) FROM orders WHERE attrs @> '{"color": "red", "tags": ["t5"]}'""", ["Bitmap Index Scan"]),
            new("GIN, trigram LIKE", "GIN (pg_trgm)", "CREATE INDEX orders_note_trgm ON orders USING gin (note gin_trgm_ops)", "orders_note_trgm",
                "SELECT id FROM orders WHERE note LIKE '%abcd%' ORDER BY id", ["Bitmap Index Scan"], RequiresExtension: "pg_trgm"),
        ];
    }

    /// <summary>Row i was created at 2024-01-01 + 10 s·i: the timestamp follows the physical order (what BRIN needs).</summary>
    public static DateTime CreatedAt(long i) => new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(10 * i);

    private static string RowsSql(string from, string to, int rows) => $"""
        SELECT i,
               1 + (hashint4(i) & 2147483647) % {Math.Max(1, rows / 20)},
               CASE WHEN i % 100 < 2 THEN 'pending' WHEN i % 100 < 7 THEN 'cancelled' WHEN i % 100 < 20 THEN 'processing' ELSE 'shipped' END,
               (hashint4(i + 1) & 2147483647) % 100000,
               timestamptz '2024-01-01 00:00:00+00' + i * interval '10 seconds',
               'User' || (i % {Math.Max(1, rows / 2)}) || '@Example.com',
               jsonb_build_object('color', (ARRAY['red','green','blue','black','white'])[1 + i % 5], 'tags', jsonb_build_array('t' || (i % 97), 't' || (i % 89))),
               md5(i::text)
        FROM generate_series({from}, {to}) AS i
        """;

    /// <summary>Creates and fills the table (no index, no constraint) and analyzes it.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var conn = await OpenAsync(cancellationToken);
        await ExecAsync(conn, """
            DROP TABLE IF EXISTS orders;
            CREATE TABLE orders (
                id bigint NOT NULL, customer_id int NOT NULL, status text NOT NULL, amount_cents int NOT NULL,
                created_at timestamptz NOT NULL, email text NOT NULL, attrs jsonb NOT NULL, note text NOT NULL)
            """, cancellationToken);
        await ExecAsync(conn, $"INSERT INTO orders {RowsSql("1", Rows.ToString(CultureInfo.InvariantCulture), Rows)}", cancellationToken, timeoutSeconds: 1200);
        await ExecAsync(conn, "VACUUM (ANALYZE) orders", cancellationToken, timeoutSeconds: 600);
    }

    public async Task<bool> ExtensionAvailableAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var conn = await OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_available_extensions WHERE name = @n", conn);
        cmd.Parameters.AddWithValue("n", name);
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    /// <summary>Measures the cost of inserting a batch of new rows into the table as it is now (rolled back afterwards).</summary>
    public async Task<(double MicrosecondsPerRow, double WalBytesPerRow)> MeasureInsertAsync(NpgsqlConnection conn, CancellationToken cancellationToken)
    {
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        var lsnBefore = await ScalarAsync<string>(conn, "SELECT pg_current_wal_insert_lsn()::text", cancellationToken);
        var sw = Stopwatch.StartNew();
        await ExecAsync(conn, $"INSERT INTO orders {RowsSql((Rows + 1).ToString(CultureInfo.InvariantCulture), (Rows + InsertBatch).ToString(CultureInfo.InvariantCulture), Rows)}", cancellationToken);
        var elapsed = sw.Elapsed;
        await using var wal = new NpgsqlCommand("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), @before::pg_lsn)", conn, tx);
        wal.Parameters.AddWithValue("before", lsnBefore);
        var walBytes = Convert.ToDouble(await wal.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        await tx.RollbackAsync(cancellationToken);
        return (elapsed.TotalMicroseconds / InsertBatch, walBytes / InsertBatch);
    }

    /// <summary>Runs one case from a table with no index; leaves the case's index dropped again.</summary>
    public async Task<IndexingCaseResult> RunCaseAsync(IndexingCase c, CancellationToken cancellationToken = default)
    {
        await using var conn = await OpenAsync(cancellationToken);
        if (c.RequiresExtension is { } ext) await ExecAsync(conn, $"CREATE EXTENSION IF NOT EXISTS {ext}", cancellationToken);
        await DropIndexesAsync(conn, cancellationToken);
        var (baseNodes, baseMs, baseDigest) = await MeasureWithoutIndexAsync(conn, c, cancellationToken);
        var (baseInsertUs, baseInsertWal) = await MeasureInsertAsync(conn, cancellationToken);
        var (nodes, ms, digest, resultRows, indexBytes, buildMs, insertUs, insertWal) = await MeasureWithIndexAsync(conn, c, cancellationToken);
        await DropIndexesAsync(conn, cancellationToken);
        return new IndexingCaseResult(c, nodes, ms, nodes.Sum(n => n.SharedHit), nodes.Sum(n => n.SharedRead), digest, resultRows,
            baseMs, baseNodes.Sum(n => n.SharedHit + n.SharedRead), baseDigest, baseNodes[0].NodeType, indexBytes, buildMs,
            insertUs, insertWal, baseInsertUs, baseInsertWal, nodes.Where(n => n.HeapFetches is not null).Sum(n => n.HeapFetches ?? 0));
    }

    /// <summary>The query on the bare table: its plan, time and result digest.</summary>
    private static async Task<(List<PlanNode> Nodes, double Ms, string Digest)> MeasureWithoutIndexAsync(NpgsqlConnection conn, IndexingCase c, CancellationToken cancellationToken)
    {
        #region Exercise 1.1.4-2a: run the query without an index: the baseline plan, buffers, time and result (tests: IndexingStrategiesTests)
        await ReadDigestAsync(conn, c.Query, cancellationToken); // warm the cache the same way for both runs
        var (nodes, ms) = await ExplainAsync(conn, c.Query, cancellationToken);
        var (digest, _) = await ReadDigestAsync(conn, c.Query, cancellationToken);
        return (nodes, ms, digest);
        #endregion
    }

    /// <summary>Builds the case's index and measures the query, the index's size and build time, and its cost on inserts.</summary>
    private async Task<(List<PlanNode> Nodes, double Ms, string Digest, long Rows, long IndexBytes, double BuildMs, double InsertUs, double InsertWal)> MeasureWithIndexAsync(
        NpgsqlConnection conn, IndexingCase c, CancellationToken cancellationToken)
    {
        #region Exercise 1.1.4-2b: build the case's index, then read the plan with EXPLAIN (ANALYZE, BUFFERS), its size and its write cost (tests: IndexingStrategiesTests)
        var build = Stopwatch.StartNew();
        if (c.CreateIndexSql is not null) await ExecAsync(conn, c.CreateIndexSql, cancellationToken, timeoutSeconds: 1200);
        var buildMs = build.Elapsed.TotalMilliseconds;
        await ExecAsync(conn, c.VacuumFirst ? "VACUUM (ANALYZE) orders" : "ANALYZE orders", cancellationToken, timeoutSeconds: 600);
        await ReadDigestAsync(conn, c.Query, cancellationToken);
        var (nodes, ms) = await ExplainAsync(conn, c.Query, cancellationToken);
        var (digest, resultRows) = await ReadDigestAsync(conn, c.Query, cancellationToken);
        var indexBytes = c.IndexName is not null
            ? await ScalarAsync<long>(conn, $"SELECT pg_relation_size('{c.IndexName}')", cancellationToken)
            : await ScalarAsync<long>(conn, "SELECT coalesce(sum(pg_relation_size(indexrelid)), 0)::bigint FROM pg_index WHERE indrelid = 'orders'::regclass", cancellationToken);
        var (insertUs, insertWal) = await MeasureInsertAsync(conn, cancellationToken);
        return (nodes, ms, digest, resultRows, indexBytes, buildMs, insertUs, insertWal);
        #endregion
    }

    /// <summary>Buffers are counted per node including its children; the root's count is the query's total.</summary>
    private static async Task<(List<PlanNode> Nodes, double Ms)> ExplainAsync(NpgsqlConnection conn, string query, CancellationToken cancellationToken)
    {
        var json = await ScalarAsync<string>(conn, $"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {query}", cancellationToken);
        var (nodes, ms) = PlanNode.Parse(json);
        // Keep the root's totals in the first node and per-node detail in the rest: report the root's buffers.
        var root = nodes[0];
        var flat = new List<PlanNode> { root };
        flat.AddRange(nodes.Skip(1).Select(n => n with { SharedHit = 0, SharedRead = 0 }));
        return (flat, ms);
    }

    private static async Task<(string Digest, long Rows)> ReadDigestAsync(NpgsqlConnection conn, string query, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(query, conn) { CommandTimeout = 600 };
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var text = new StringBuilder();
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            rows++;
            for (var i = 0; i < reader.FieldCount; i++)
                text.Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append(i + 1 < reader.FieldCount ? '|' : '\n');
        }
        return (Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16], rows);
    }

    public static async Task DropIndexesAsync(NpgsqlConnection conn, CancellationToken cancellationToken)
    {
        await ExecAsync(conn, "ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_pkey", cancellationToken);
        var names = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'orders'::regclass", conn))
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) names.Add(reader.GetString(0));
        foreach (var name in names) await ExecAsync(conn, $"DROP INDEX {name}", cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(cancellationToken);
        return conn;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken cancellationToken, int timeoutSeconds = 120)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = timeoutSeconds };
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
        return (T)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }
}
