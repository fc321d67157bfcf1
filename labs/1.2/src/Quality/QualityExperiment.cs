using System.Diagnostics;
using MathNet.Numerics.Statistics;
using Microsoft.Data.Analysis;
using Npgsql;
using StatelessMind.Harness;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>
/// 1.2-2: the orders suite run two ways over a clean dataset and nine seeded ones (one defect each): as an expectation
/// suite (in memory over a DataFrame, and pushed down to PostgreSQL as SQL) and as dbt schema tests. Checks that every
/// defect is caught by exactly its expectation with exactly its rows, that the clean data passes, that the DataFrame,
/// SQL and dbt verdicts agree, that the KS statistic matches a MathNet computation, and that each planted bug is caught.
/// Writes the Data Docs page (data-docs.html) beside the report.
/// </summary>
public sealed class QualityExperiment : IExperiment
{
    private static readonly DateTimeOffset AsOf = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const string Schema = "raw";

    public string GoalId => "1.2-2";
    public string Title => "Data quality two ways: expectation suites (DataFrame and pushed-down SQL) and dbt schema tests";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rows = context.Size(2_000, 50_000);
        var b = new FindingBuilder(GoalId, Title);
        var suite = OrdersSuite.Load();
        var settings = new ValidationSettings(AsOf);
        var postgres = await context.Services.PostgresAsync(cancellationToken);
        var db = await postgres.CreateDatabaseAsync("quality", cancellationToken);

        context.Report(0.02, $"generating {rows:N0} orders and a reference sample");
        var clean = OrdersDataset.Generate(rows, context.Seed, AsOf);
        var reference = OrdersDataset.Generate(rows, context.Seed + 1, AsOf);
        var references = new Dictionary<string, DataFrame> { [OrdersDataset.ReferenceName] = reference };
        var referenceTables = new Dictionary<string, string> { [OrdersDataset.ReferenceName] = $"{Schema}.{OrdersDataset.ReferenceName}" };
        var datasets = new List<SeededDataset> { OrdersDataset.Seed(clean, null, context.Seed) };
        datasets.AddRange(Enum.GetValues<OrdersDefect>().Select((d, i) => OrdersDataset.Seed(clean, d, context.Seed + 10 + i)));

        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync(cancellationToken);
        await OrdersTable.LoadAsync(connection, $"{Schema}.{OrdersDataset.ReferenceName}", reference, cancellationToken);

        var frameTime = TimeSpan.Zero;
        var sqlTime = TimeSpan.Zero;
        var dbtTime = TimeSpan.Zero;
        var seedProblems = new List<string>();
        var agreementProblems = new List<string>();
        var dbtProblems = new List<string>();
        var frameRuns = new List<ValidationResult>();
        var dbtOutcomes = new Dictionary<string, IReadOnlyList<DbtTestOutcome>>();
        var table = new List<object?[]>();
        foreach (var (dataset, n) in datasets.Select((d, n) => (d, n)))
        {
            var name = dataset.Defect?.ToString() ?? "clean";
            context.Report(0.05 + 0.7 * n / datasets.Count, $"validating {name}");
            var timer = Stopwatch.StartNew();
            var inMemory = FrameValidator.Validate(suite, dataset.Frame, name, settings, references);
            frameTime += timer.Elapsed;
            await OrdersTable.LoadAsync(connection, $"{Schema}.orders", dataset.Frame, cancellationToken);
            timer.Restart();
            var pushedDown = await SqlValidator.ValidateAsync(connection, suite, $"{Schema}.orders", settings, referenceTables, cancellationToken);
            sqlTime += timer.Elapsed;
            timer.Restart();
            var dbt = await DbtSchemaTests.RunAsync(db, Schema, AsOf, cancellationToken: cancellationToken);
            dbtTime += timer.Elapsed;
            dbtOutcomes[name] = dbt;
            frameRuns.Add(inMemory);
            if (n == 0) frameRuns.Add(pushedDown with { Dataset = name });

            var seed = QualityAudit.AgainstSeed(dataset, inMemory).Concat(QualityAudit.AgainstSeed(dataset, pushedDown)).ToList();
            var agree = QualityAudit.Between(inMemory, pushedDown).Select(p => $"{name}: {p}").ToList();
            var withDbt = QualityAudit.AgainstDbt(inMemory, dbt).Select(p => $"{name}: {p}").ToList();
            seedProblems.AddRange(seed);
            agreementProblems.AddRange(agree);
            dbtProblems.AddRange(withDbt);
            var target = dataset.TargetExpectation is { } t ? inMemory[t] : null;
            table.Add([name, dataset.TargetExpectation ?? "—", string.Join(", ", inMemory.Failed.Select(r => r.Expectation.Key).DefaultIfEmpty("none")),
                target is null ? "—" : target.Expectation.IsRowLevel ? $"{target.UnexpectedCount} of {dataset.DefectiveKeys.Count} seeded" : target.Summary,
                string.Join(", ", dbt.Where(o => !o.Passed).Select(o => o.Test).DefaultIfEmpty("none")),
                seed.Count + agree.Count + withDbt.Count == 0 ? "yes" : "NO"]);
        }

        // The KS statistic: the merge walk against MathNet's empirical CDFs evaluated at every observed value.
        context.Report(0.8, "KS cross-check against MathNet");
        var ksSample = Amounts(clean).Take(2_000).ToArray();
        var ksReference = Amounts(OrdersDataset.Seed(clean, OrdersDefect.AmountDrift, 1).Frame).Skip(500).Take(1_500).ToArray();
        var ks = KolmogorovSmirnov.Statistic(ksSample, ksReference);
        var fa = Statistics.EmpiricalCDFFunc(ksSample);
        var fb = Statistics.EmpiricalCDFFunc(ksReference);
        var ksMathNet = ksSample.Concat(ksReference).Max(x => Math.Abs(fa(x) - fb(x)));

        // The planted bugs, each run through the same audit in memory: the clean data, the seeded rows and dbt's verdicts.
        context.Report(0.85, "planted bugs");
        var bugRows = new List<object?[]>();
        var bugsCaught = 0;
        foreach (var bug in Enum.GetValues<QualityBug>().Where(x => x != QualityBug.None))
        {
            var bugged = settings with { Bug = bug };
            var problems = datasets.SelectMany(d =>
            {
                var name = d.Defect?.ToString() ?? "clean";
                var r = FrameValidator.Validate(suite, d.Frame, name, bugged, references);
                return QualityAudit.AgainstSeed(d, r).Concat(QualityAudit.AgainstDbt(r, dbtOutcomes[name]).Select(p => $"{name}: dbt disagrees: {p}"));
            }).ToList();
            if (problems.Count > 0) bugsCaught++;
            bugRows.Add([bug, problems.Count, problems.FirstOrDefault() ?? "not caught"]);
        }

        var html = DataDocs.Render($"Orders suite — {rows:N0} rows, as of {AsOf:yyyy-MM-dd}", frameRuns);
        await File.WriteAllTextAsync(Path.Combine(context.OutputDirectory.FullName, "data-docs.html"), html, cancellationToken);

        var clean0 = frameRuns[0];
        var drift = frameRuns.Single(r => r.Dataset == nameof(OrdersDefect.AmountDrift))["distribution_drift(amount)"];
        var datasetsAgreeing = table.Count(r => (string)r[5]! == "yes");
        var bugCount = Enum.GetValues<QualityBug>().Length - 1;
        b.Figure("datasets where the seed, the DataFrame, SQL and dbt agree", datasetsAgreeing, $"of {datasets.Count}", key: true)
         .Figure("planted bugs caught", bugsCaught, $"of {bugCount}", key: true)
         .Figure("rows per dataset", rows, "rows")
         .Figure("suite over a DataFrame (in memory), per dataset", frameTime.TotalMilliseconds / datasets.Count, "ms", key: true)
         .Figure("suite pushed down to PostgreSQL, per dataset", sqlTime.TotalMilliseconds / datasets.Count, "ms", key: true)
         .Figure("dbt test (lab 2.2's runner), per dataset", dbtTime.TotalMilliseconds / datasets.Count, "ms")
         .Figure("SQL time / DataFrame time", sqlTime / frameTime, "×")
         .Figure("KS, clean vs reference", clean0["distribution_drift(amount)"].Observed ?? double.NaN, "")
         .Figure("KS, drifted vs reference", drift.Observed ?? double.NaN, "")
         .Figure("KS merge walk − MathNet empirical CDFs", Math.Abs(ks - ksMathNet), "")
         .Table(FindingTable.Of($"Each dataset through the suite (DataFrame and SQL) and dbt, {rows:N0} rows",
             ["dataset", "seeded defect targets", "expectations failed", "target's failing rows", "dbt tests failed", "all agree"], table))
         .Table(FindingTable.Of("Planted bugs (in both evaluators alike) through the same audit", ["bug", "problems found", "first"], bugRows))
         .Check(clean0.Success && dbtOutcomes["clean"].All(o => o.Passed), "the clean dataset passes the suite and every dbt test")
         .Check(seedProblems.Count == 0, "each seeded defect fails exactly its expectation, naming exactly the seeded rows, in both evaluators" + Detail(seedProblems))
         .Check(agreementProblems.Count == 0, "the DataFrame and the pushed-down SQL evaluation agree on every expectation of every dataset (verdict, failing rows, sample, observed value)" + Detail(agreementProblems))
         .Check(dbtProblems.Count == 0, "dbt's schema tests fail exactly where the suite fails, on every dataset" + Detail(dbtProblems))
         .Check(Math.Abs(ks - ksMathNet) <= 1e-12, $"the KS statistic ({ks:0.######}) equals the largest gap between MathNet's empirical CDFs ({ksMathNet:0.######})")
         .Check(bugsCaught == bugCount, $"every planted bug is caught ({bugsCaught} of {bugCount})")
         .Note("Data Docs: data-docs.html beside this report (the clean run in both evaluators and every seeded run in memory).")
         .Note($"PostgreSQL: {postgres.Description}. Times are the sums over the {datasets.Count} datasets divided by their number; SQL excludes the COPY that loads each dataset.");

        var plot = new ScottPlot.Plot();
        plot.Add.Bars(new[] { frameTime.TotalMilliseconds, sqlTime.TotalMilliseconds, dbtTime.TotalMilliseconds }.Select(t => t / datasets.Count).ToArray());
        plot.Axes.Bottom.SetTicks([0, 1, 2], ["suite over a DataFrame", "suite pushed down to SQL", "dbt test"]);
        plot.YLabel("ms per dataset");
        plot.Title($"Validating {rows:N0} orders, ten rules");
        b.Plot(context.SavePlot(plot, "validation-time.png", "Time to validate one dataset: in memory, pushed down to PostgreSQL, and as dbt tests"));
        context.Report(1, "done");
        return b.Build($"{datasetsAgreeing} of {datasets.Count} datasets ({rows:N0} rows each) judged alike by the seed, the DataFrame, SQL and dbt; " +
                       $"{bugsCaught} of {bugCount} planted bugs caught; per dataset {frameTime.TotalMilliseconds / datasets.Count:0} ms in memory, " +
                       $"{sqlTime.TotalMilliseconds / datasets.Count:0} ms in SQL, {dbtTime.TotalMilliseconds / datasets.Count:0} ms as dbt tests.");
    }

    private static IEnumerable<double> Amounts(DataFrame frame) => ((DoubleDataFrameColumn)frame.Columns["amount"]).Select(v => v!.Value);

    private static string Detail(List<string> problems) => problems.Count == 0 ? "" : $" ({string.Join("; ", problems.Take(5))}{(problems.Count > 5 ? $"; … {problems.Count - 5} more" : "")})";
}
