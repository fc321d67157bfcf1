using System.Globalization;
using StatelessMind.Harness;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.DimensionalModeling.StarSchema;

namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>
/// 1.2-4: the retail marts built as ETL (C# extracts, transforms in memory, loads) and as ELT (raw tables loaded into
/// PostgreSQL, then lab 2.2's dbt models run there by the C# dbt runner). The marts must be equal row for row; the
/// figures compare runtime, peak memory of this process, bytes moved over the wire and lines of code. The planted
/// transformation bugs must each make the comparison fail.
/// </summary>
public sealed class EtlEltExperiment : IExperiment
{
    public string GoalId => "1.2-4";
    public string Title => "ETL in C# vs ELT with dbt SQL models: equal marts, runtime, memory, data moved, lines of code";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var orders = context.Size(3_000, 40_000);
        var b = new FindingBuilder(GoalId, Title);
        var postgres = await context.Services.PostgresAsync(cancellationToken);

        // An untimed warm-up of both pipelines on a small source, so that JIT compilation and first connections are not timed.
        context.Report(0.05, "warm-up of both pipelines");
        var warmSource = await postgres.CreateDatabaseAsync("etl_warm_src", cancellationToken);
        await EtlEltRun.LoadSourceAsync(warmSource, RetailOperationalData.Generate(50, 20, 4, 200, context.Seed), cancellationToken);
        var warm = await EtlEltRun.RunAsync(warmSource, await postgres.CreateDatabaseAsync("etl_warm_wh", cancellationToken), EtlBug.None, cancellationToken);

        context.Report(0.15, $"generating the operational database ({orders:N0} orders)");
        var data = RetailOperationalData.Generate(customers: Math.Max(200, orders / 8), products: Math.Max(50, orders / 75), stores: 24, orders, context.Seed);
        var source = await postgres.CreateDatabaseAsync("etl_src", cancellationToken);
        var warehouse = await postgres.CreateDatabaseAsync("etl_wh", cancellationToken);
        await EtlEltRun.LoadSourceAsync(source, data, cancellationToken);

        context.Report(0.3, "ETL, then ELT, then the marts compared");
        var result = await EtlEltRun.RunAsync(source, warehouse, EtlBug.None, cancellationToken);
        PipelineRun etl = result.Etl, elt = result.Elt;
        var etlLines = CodeSize.EtlLines();
        var (eltLoaderLines, eltSqlLines) = CodeSize.EltLines(EtlEltRun.DbtProject, elt.Models);
        var eltTransform = elt.Phases[^1];
        var rawBytes = elt.Phases[0].WarehouseBytes;

        b.Figure("ELT runtime / ETL runtime", elt.Total.TotalSeconds / etl.Total.TotalSeconds, "×", key: true)
         .Figure("ETL runtime", etl.Total.TotalSeconds, "s")
         .Figure("ELT runtime", elt.Total.TotalSeconds, "s")
         .Figure("ETL peak managed memory", etl.PeakHeapBytes / 1048576.0, "MB", key: true)
         .Figure("ELT peak managed memory", elt.PeakHeapBytes / 1048576.0, "MB")
         .Figure("ETL data moved", etl.BytesMoved / 1048576.0, "MB", key: true)
         .Figure("ELT data moved", elt.BytesMoved / 1048576.0, "MB")
         .Figure("ETL lines of code", etlLines, "lines")
         .Figure("ELT lines of code", eltLoaderLines + eltSqlLines, "lines")
         .Table(FindingTable.Of($"ETL vs ELT on {data} ({result.SourceRows:N0} source rows)",
             ["", "ETL (C#)", "ELT (dbt)"],
             [
                 ["runtime s", Math.Round(etl.Total.TotalSeconds, 3), Math.Round(elt.Total.TotalSeconds, 3)],
                 ["peak managed memory of the pipeline process MB", Math.Round(etl.PeakHeapBytes / 1048576.0, 1), Math.Round(elt.PeakHeapBytes / 1048576.0, 1)],
                 ["data moved over the wire MB (both links, both ways)", Math.Round(etl.BytesMoved / 1048576.0, 2), Math.Round(elt.BytesMoved / 1048576.0, 2)],
                 ["lines of code", $"{etlLines} C#", $"{eltLoaderLines} C# + {eltSqlLines} SQL"],
                 ["rows written to the warehouse", etl.RowsWritten, $"{result.SourceRows:N0} raw + {elt.RowsWritten:N0} mart rows"],
             ]))
         .Table(FindingTable.Of("Phases", ["pipeline", "phase", "s", "source link MB", "warehouse link MB"],
             etl.Phases.Select(p => (etl.Pipeline, p)).Concat(elt.Phases.Select(p => (elt.Pipeline, p)))
                 .Select(x => new object?[] { x.Item1, x.p.Name, Math.Round(x.p.Time.TotalSeconds, 3), Math.Round(x.p.SourceBytes / 1048576.0, 2), Math.Round(x.p.WarehouseBytes / 1048576.0, 2) })))
         .Table(FindingTable.Of("The marts compared (EXCEPT ALL both ways)", ["mart", "ETL rows", "ELT rows", "only in ETL", "only in ELT"],
             result.Tables.Select(t => new object?[] { t.Table, t.EtlRows, t.EltRows, t.OnlyInEtl, t.OnlyInElt })))
         .Check(result.AllEqual, $"all {EtlEltRun.Marts.Count} marts are equal row for row and not empty (ETL = ELT)")
         .Check(eltTransform.Bytes < 1.5 * warm.Elt.Phases[^1].Bytes && rawBytes > 5 * warm.Elt.Phases[0].WarehouseBytes,
             $"the ELT transformation's traffic does not grow with the data (only SQL and replies cross the wire): {eltTransform.Bytes:N0} bytes for {result.SourceRows:N0} source rows, "
             + $"{warm.Elt.Phases[^1].Bytes:N0} bytes for the warm-up's {warm.SourceRows:N0}, while the raw load grew from {warm.Elt.Phases[0].WarehouseBytes:N0} to {rawBytes:N0} bytes")
         .Check(etl.Phases[0].SourceBytes > 0 && etl.Phases[^1].WarehouseBytes > 0, "the ETL's rows crossed the wire out of the source and into the warehouse");

        // The planted bugs: the same extract, a broken transformation, loaded beside the good marts; the comparison must see each.
        context.Report(0.8, "planted bugs");
        foreach (var (bug, mart) in new[] { (EtlBug.CalendarWeek, "dim_date"), (EtlBug.AnyAddressAsShipCity, "fct_sales") })
        {
            var schema = $"etl_bug_{bug.ToString().ToLowerInvariant()}";
            await EtlEltRun.RunEtlAsync(source, warehouse, schema, bug, cancellationToken);
            var compared = await MartComparison.CompareAsync(warehouse, schema, EtlEltRun.EltSchema, EtlEltRun.Marts, cancellationToken);
            var differing = compared.Where(t => !t.Equal).ToList();
            b.Check(differing.Any(t => t.Table == mart),
                string.Create(CultureInfo.InvariantCulture, $"planted bug {bug} is caught: {mart} differs ({string.Join(", ", differing.Select(t => $"{t.Table}: {t.OnlyInEtl} rows only in ETL"))})"));
        }

        b.Note("Runtime is one run of each after an untimed warm-up of both, on one PostgreSQL server holding both the source and the warehouse database; "
               + "\"data moved\" counts every byte both pipelines' connections carried through a relay on loopback (protocol included).");
        b.Note("Peak memory is this process's managed heap above its level at the start of the run. The ELT's transformation works inside PostgreSQL "
               + "(hash joins and aggregates within work_mem, spilling to temporary files beyond it), which this figure does not see.");
        if (context.Scale != Scale.Full) b.Note("Small scale: the runtimes are dominated by fixed costs (connections, dbt's per-model statements); the full scale shows the trend.");
        return b.Build(string.Create(CultureInfo.InvariantCulture,
            $"{result.SourceRows:N0} source rows: ETL {etl.Total.TotalSeconds:0.00} s, ELT {elt.Total.TotalSeconds:0.00} s; ETL moved {etl.BytesMoved / 1048576.0:0.0} MB and peaked at {etl.PeakHeapBytes / 1048576.0:0} MB of heap, ELT {elt.BytesMoved / 1048576.0:0.0} MB and {elt.PeakHeapBytes / 1048576.0:0} MB"));
    }
}
