using System.Diagnostics;
using Npgsql;
using StatelessMind.Labs.DimensionalModeling.StarSchema;
using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Project;

namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>
/// Runs the same transformation twice from one operational database into one warehouse database:
/// ETL (extract into memory, transform in C#, load the marts into <see cref="EtlSchema"/>) and
/// ELT (copy the raw tables into the warehouse, then build lab 2.2's dbt project there with the C# dbt runner),
/// each connection relayed through a byte-counting proxy, each phase timed; then compares the marts.
/// </summary>
public static class EtlEltRun
{
    public const string SourceSchema = "retail_ops";
    public const string EtlSchema = "etl_marts";
    public const string DbtSchema = "analytics";
    public const string EltSchema = "analytics_marts";

    public static IReadOnlyList<string> Marts { get; } =
        ["dim_customer", "dim_date", "dim_product", "dim_store", "fct_daily_store_sales", "fct_sales", "revenue_by_department_segment"];

    /// <summary>What the ELT runs of the dbt project: the seven marts and every model upstream of them (the project
    /// holds other marts too — lab 2.1's slowly changing dimensions and bridge — which the ETL does not build).</summary>
    public static string EltSelection => string.Join(' ', Marts.Select(m => "+" + m));

    /// <summary>The dbt project of lab 2.2, as shipped beside its assembly.</summary>
    public static string DbtProject => StarSchemaBuild.ProjectDirectory;

    public static string RegionsSeed => Path.Combine(DbtProject, "seeds", "regions.csv");

    /// <summary>Loads generated operational data into <paramref name="sourceDb"/> (the system the pipelines extract from).</summary>
    public static Task LoadSourceAsync(string sourceDb, RetailOperationalData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.LoadAsync(sourceDb, SourceSchema, cancellationToken);
    }

    public static async Task<EtlEltResult> RunAsync(string sourceDb, string warehouseDb, EtlBug bug, CancellationToken cancellationToken)
    {
        var etl = await RunEtlAsync(sourceDb, warehouseDb, EtlSchema, bug, cancellationToken);
        var elt = await RunEltAsync(sourceDb, warehouseDb, cancellationToken);
        var tables = await MartComparison.CompareAsync(warehouseDb, EtlSchema, EltSchema, Marts, cancellationToken);
        return new EtlEltResult(etl, elt, tables, await SourceRowsAsync(sourceDb, cancellationToken));
    }

    public static async Task<PipelineRun> RunEtlAsync(string sourceDb, string warehouseDb, string schema, EtlBug bug, CancellationToken cancellationToken)
    {
        await using var source = Relay(sourceDb);
        await using var warehouse = Relay(warehouseDb);
        var phases = new List<PipelinePhase>();
        using var heap = HeapPeakSampler.Start();
        var snapshot = await Phase("extract", source, warehouse, phases, () => EtlExtractor.ExtractAsync(source.Route(sourceDb), SourceSchema, RegionsSeed, cancellationToken));
        var marts = await Phase("transform (C#, in memory)", source, warehouse, phases, () => Task.FromResult(MartTransform.BuildAll(snapshot, MartParameters.RetailProject, bug)));
        var rows = await Phase("load marts (COPY)", source, warehouse, phases, () => EtlLoader.LoadAsync(warehouse.Route(warehouseDb), schema, marts, cancellationToken));
        heap.Dispose();
        return new PipelineRun("ETL", phases, heap.PeakAboveBaseline, rows);
    }

    public static async Task<PipelineRun> RunEltAsync(string sourceDb, string warehouseDb, CancellationToken cancellationToken)
    {
        await using var source = Relay(sourceDb);
        await using var warehouse = Relay(warehouseDb);
        var phases = new List<PipelinePhase>();
        using var heap = HeapPeakSampler.Start();
        await Phase("extract + load raw (COPY)", source, warehouse, phases, () => EltLoader.CopyRawAsync(source.Route(sourceDb), warehouse.Route(warehouseDb), SourceSchema, cancellationToken));
        var target = Directory.CreateTempSubdirectory("sm-elt-dbt-");
        IReadOnlyList<string> models = [];
        try
        {
            await Phase("transform (dbt SQL models in PostgreSQL)", source, warehouse, phases, async () =>
            {
                var runner = DbtRunner.Open(DbtProject, new DbtRunOptions
                {
                    Environment = ProfileTarget.Environment(warehouse.Route(warehouseDb), DbtSchema),
                    TargetDirectory = target.FullName,
                });
                var results = (await runner.SeedAsync(cancellationToken)).Concat(await runner.RunAsync(EltSelection, cancellationToken)).ToList();
                models = [.. results.Where(r => r.UniqueId.StartsWith("model.", StringComparison.Ordinal)).Select(r => r.UniqueId[(r.UniqueId.LastIndexOf('.') + 1)..])];
                var failed = results.Where(r => r.Status != NodeStatus.Success).ToList();
                if (failed.Count > 0) throw new InvalidOperationException("dbt run failed: " + string.Join("; ", failed.Select(f => $"{f.UniqueId}: {f.Status} {f.Message}")));
                return results.Count;
            });
        }
        finally
        {
            target.Delete(recursive: true);
        }
        heap.Dispose();
        return new PipelineRun("ELT", phases, heap.PeakAboveBaseline, await MartRowsAsync(warehouseDb, cancellationToken), models);
    }

    private static ByteCountingProxy Relay(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return new ByteCountingProxy(b.Host ?? "127.0.0.1", b.Port);
    }

    private static async Task<T> Phase<T>(string name, ByteCountingProxy source, ByteCountingProxy warehouse, List<PipelinePhase> phases, Func<Task<T>> work)
    {
        long s0 = source.TotalBytes, w0 = warehouse.TotalBytes;
        var clock = Stopwatch.StartNew();
        var result = await work();
        clock.Stop();
        phases.Add(new PipelinePhase(name, clock.Elapsed, source.TotalBytes - s0, warehouse.TotalBytes - w0));
        return result;
    }

    private static async Task<long> SourceRowsAsync(string sourceDb, CancellationToken cancellationToken) =>
        await ScalarAsync(sourceDb, string.Join(" + ", EltLoader.RawTables.Select(t => $"(select count(*) from {SourceSchema}.{t.Table})")), cancellationToken);

    private static async Task<long> MartRowsAsync(string warehouseDb, CancellationToken cancellationToken) =>
        await ScalarAsync(warehouseDb, string.Join(" + ", Marts.Select(t => $"(select count(*) from {EltSchema}.{t})")), cancellationToken);

    private static async Task<long> ScalarAsync(string db, string expression, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select {expression}", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
