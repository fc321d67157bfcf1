using Npgsql;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.Programming.Sql;

/// <summary>
/// 1.3-2: thirteen queries — window functions and advanced joins — run on PostgreSQL over a generated
/// departments/employees/sales schema, each compared row for row with its result computed independently in C#;
/// then each planted bug (a RANGE frame for a ROWS one, an inner join for an anti join) must be caught by the same check.
/// </summary>
public sealed class SqlSuiteExperiment : IExperiment
{
    public string GoalId => "1.3-2";
    public string Title => "SQL window functions and advanced joins on PostgreSQL, checked against an independent C# reference";

    public async Task<Finding> RunAsync(ExperimentContext ctx, CancellationToken cancellationToken)
    {
        var employees = ctx.Size(300, 20_000);
        var days = ctx.Size(60, 365);
        var data = SalesDataset.Generate(employees, salesPerEmployee: 8, days, ctx.Seed);
        var server = await ctx.Services.PostgresAsync(cancellationToken);
        await using var conn = new NpgsqlConnection(await server.CreateDatabaseAsync("sql_suite", cancellationToken));
        await conn.OpenAsync(cancellationToken);
        ctx.Report(0.05, $"loading {data.Employees.Count:N0} employees and {data.Sales.Count:N0} sales");
        await SalesDatabase.LoadAsync(conn, data, cancellationToken);

        ctx.Report(0.3, "running the suite");
        var outcomes = await new SqlQuerySuite().RunAsync(conn, data, cancellationToken);
        var planted = new List<(SqlSuiteBug Bug, QueryOutcome Outcome)>();
        foreach (var bug in Enum.GetValues<SqlSuiteBug>().Where(b => b != SqlSuiteBug.None))
        {
            ctx.Report(0.6, $"planted bug {bug}");
            var run = await new SqlQuerySuite(bug).RunAsync(conn, data, cancellationToken);
            planted.Add((bug, run.Single(o => o.Query.Name == SqlQuerySuite.PlantedIn(bug))));
        }

        var finding = new FindingBuilder(GoalId, Title);
        finding.Table(FindingTable.Of($"{data.Employees.Count:N0} employees in {data.Departments.Count} departments, {data.Sales.Count:N0} sales over {days} days; PostgreSQL against LINQ",
            ["query", "feature", "rows", "ms", "same as the C# reference"],
            outcomes.Select(o => new object?[] { o.Query.Name, o.Query.Feature, o.Actual.Rows.Count, o.Milliseconds, o.Matches ? "yes" : $"NO: {o.Comparison.FirstDifference}" })));
        foreach (var o in outcomes)
            finding.Check(o.Matches && o.Actual.Rows.Count > 0, o.Matches
                ? $"{o.Query.Name} ({o.Query.Feature}): {o.Actual.Rows.Count:N0} rows identical to the C# reference"
                : $"{o.Query.Name} ({o.Query.Feature}) differs from the C# reference: {o.Comparison.FirstDifference ?? "no rows"}");
        foreach (var (bug, o) in planted)
            finding.Check(!o.Matches, o.Matches
                ? $"planted bug {bug} in {o.Query.Name} was NOT caught: the check passed a wrong query"
                : $"planted bug {bug} in {o.Query.Name} caught: {o.Comparison.FirstDifference}");

        // The traps the queries are about must be in the data, or a wrong query could pass by luck.
        var sameDay = data.Sales.GroupBy(s => (s.EmployeeId, s.SoldOn)).Count(g => g.Count() > 1);
        var gaps = data.Sales.Select(s => s.SoldOn).Distinct().Order().Zip(data.Sales.Select(s => s.SoldOn).Distinct().Order().Skip(1)).Count(p => p.Second.DayNumber - p.First.DayNumber > 1);
        var salaryTies = data.Employees.GroupBy(e => (e.DepartmentId, e.Salary)).Count(g => g.Count() > 1);
        var noSales = data.Employees.Count(e => data.Sales.All(s => s.EmployeeId != e.Id));
        var unstaffed = data.Departments.Count(d => data.Employees.All(e => e.DepartmentId != d.Id));
        var unassigned = data.Employees.Count(e => e.DepartmentId is null);
        finding.Check(sameDay > 0, $"{sameDay:N0} (employee, day) pairs with two or more sales: a RANGE frame would treat them as peers");
        finding.Check(gaps > 0, $"{gaps} gaps in the daily series (weekends): ROWS and RANGE windows over days differ");
        finding.Check(salaryTies > 0, $"{salaryTies:N0} salary ties inside departments: RANK and DENSE_RANK differ from ROW_NUMBER");
        finding.Check(noSales > 0 && unstaffed > 0 && unassigned > 0,
            $"{noSales:N0} employees without sales (anti join), {unstaffed} department without staff and {unassigned:N0} employees without a department (FULL OUTER JOIN)");

        var matched = outcomes.Count(o => o.Matches);
        finding.Figure("queries identical to the C# reference", matched, $"of {outcomes.Count}", key: true)
            .Figure("rows compared", outcomes.Sum(o => o.Actual.Rows.Count), "rows", key: true)
            .Figure("planted bugs caught", planted.Count(p => !p.Outcome.Matches), $"of {planted.Count}", key: true)
            .Figure("suite time on PostgreSQL", outcomes.Sum(o => o.Milliseconds), "ms")
            .Figure("slowest query", outcomes.Max(o => o.Milliseconds), "ms");
        finding.Note("Each expected result is computed in C# from the generated rows (SalesReference), from the definition of each function: " +
                     "nothing is copied from a PostgreSQL run. Times are client round trips of the whole query, result transfer included.");
        finding.Plot(ctx.SavePlot(Plot(outcomes), "sql-suite.png", "Rows returned and time per query (log scale)", 1000, 500));
        return finding.Build($"{matched} of {outcomes.Count} queries returned exactly the rows of the C# reference ({outcomes.Sum(o => o.Actual.Rows.Count):N0} rows on " +
                             $"{data.Sales.Count:N0} sales); {planted.Count(p => !p.Outcome.Matches)} of {planted.Count} planted bugs caught; " +
                             (finding.FailedChecks.Count == 0 ? "every check held." : $"{finding.FailedChecks.Count} check(s) failed: {string.Join("; ", finding.FailedChecks)}."));
    }

    private static ScottPlot.Plot Plot(IReadOnlyList<QueryOutcome> outcomes)
    {
        var plot = new ScottPlot.Plot();
        for (var i = 0; i < outcomes.Count; i++)
        {
            plot.Add.Bar(new ScottPlot.Bar { Position = i * 3, Value = Math.Log10(Math.Max(1, outcomes[i].Actual.Rows.Count)), FillColor = ScottPlot.Colors.Gray });
            plot.Add.Bar(new ScottPlot.Bar { Position = i * 3 + 1, Value = Math.Log10(Math.Max(outcomes[i].Milliseconds, 0.01)), FillColor = outcomes[i].Matches ? ScottPlot.Colors.SteelBlue : ScottPlot.Colors.Red });
        }
        plot.Axes.Bottom.SetTicks([.. outcomes.Select((_, i) => i * 3 + 0.5)], [.. outcomes.Select(o => o.Query.Name)]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 35;
        plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 110; // room for the rotated query names
        plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = "log10(rows)", FillColor = ScottPlot.Colors.Gray });
        plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = "log10(ms), blue = identical to the reference", FillColor = ScottPlot.Colors.SteelBlue });
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.Title("Query suite on PostgreSQL: result size and time per query");
        return plot;
    }
}
