using System.Diagnostics;
using Npgsql;

namespace StatelessMind.Labs.Programming.Sql;

/// <summary>
/// The suite: every SQL file run on PostgreSQL and compared row for row with its expected result from
/// <see cref="SalesReference"/>. A planted bug swaps one query for its wrong variant (<c>Queries/Bugs</c>).
/// </summary>
public sealed class SqlQuerySuite(SqlSuiteBug bug = SqlSuiteBug.None)
{
    private static readonly Dictionary<string, string> Features = new()
    {
        ["row_number"] = "ROW_NUMBER",
        ["rank_dense_rank"] = "RANK, DENSE_RANK",
        ["ntile"] = "NTILE",
        ["percentiles"] = "percentile_cont, percentile_disc",
        ["lag_lead"] = "LAG, LEAD",
        ["running_total"] = "running SUM, ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW",
        ["moving_average"] = "moving AVG/SUM, ROWS BETWEEN 2 PRECEDING / 1 PRECEDING AND 1 FOLLOWING",
        ["self_join"] = "self join",
        ["anti_join"] = "anti join (NOT EXISTS)",
        ["semi_join"] = "semi join (EXISTS)",
        ["full_outer_join"] = "FULL OUTER JOIN",
        ["lateral_join"] = "CROSS JOIN LATERAL … LIMIT",
        ["recursive_cte"] = "WITH RECURSIVE",
    };

    public SqlSuiteBug Bug { get; } = bug;

    /// <summary>The queries in a fixed order, with the planted variant in place of its correct one.</summary>
    public IReadOnlyList<SuiteQuery> Queries { get; } = Features.Select(f => new SuiteQuery(f.Key, f.Value, SqlResources.Read(f.Key, PlantedIn(bug) == f.Key))).ToList();

    /// <summary>The query a planted bug replaces, or null.</summary>
    public static string? PlantedIn(SqlSuiteBug bug) => bug switch
    {
        SqlSuiteBug.None => null,
        SqlSuiteBug.RangeFrameInRunningTotal => "running_total",
        SqlSuiteBug.InnerJoinForAntiJoin => "anti_join",
        _ => throw new ArgumentOutOfRangeException(nameof(bug), bug, "unknown planted bug"),
    };

    /// <summary>Runs every query on the loaded database and compares it with the expected result of the same rows.</summary>
    public async Task<IReadOnlyList<QueryOutcome>> RunAsync(NpgsqlConnection connection, SalesDataset data, CancellationToken cancellationToken = default)
    {
        var expected = SalesReference.Expected(data);
        var outcomes = new List<QueryOutcome>();
        foreach (var q in Queries)
        {
            if (!expected.TryGetValue(q.Name, out var want))
                throw new InvalidOperationException($"query '{q.Name}' has no expected result in {nameof(SalesReference)}");
            var clock = Stopwatch.StartNew();
            var actual = await PostgresRows.ReadAsync(connection, q.Sql, cancellationToken: cancellationToken);
            var ms = clock.Elapsed.TotalMilliseconds;
            outcomes.Add(new QueryOutcome(q, want, actual, ResultComparison.Compare(want, actual), ms));
        }
        return outcomes;
    }
}
