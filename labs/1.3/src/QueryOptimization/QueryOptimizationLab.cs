using System.Text.RegularExpressions;
using Npgsql;
using StatelessMind.Labs.Programming.Sql;

namespace StatelessMind.Labs.Programming.QueryOptimization;

/// <summary>
/// Runs cases in three phases on one loaded database: every original query (rows, then EXPLAIN (ANALYZE, BUFFERS,
/// FORMAT JSON)) on the starting schema; then every rewrite's indexes and VACUUM ANALYZE; then every rewrite. So no
/// original ever runs with an index a rewrite added.
/// </summary>
public sealed partial class QueryOptimizationLab(NpgsqlConnection connection, OptimizationWorkload workload)
{
    /// <summary>EXPLAIN ANALYZE runs per query: the fastest counts; fewer when the runs so far took longer than <see cref="RepetitionBudgetMs"/>.</summary>
    public int Repetitions { get; init; } = 3;

    public double RepetitionBudgetMs { get; init; } = 4_000;

    public async Task<IReadOnlyList<CaseResult>> RunAsync(IReadOnlyList<OptimizationCase> cases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var before = new List<(ResultSet Rows, ExplainPlan Plan)>();
        foreach (var c in cases) before.Add((await ReadAsync(c.BeforeSql, cancellationToken), await ExplainAsync(c.BeforeSql, cancellationToken)));
        foreach (var ddl in cases.SelectMany(c => c.IndexSql)) await ShopDatabase.ExecAsync(connection, ddl, null, cancellationToken);
        await ShopDatabase.ExecAsync(connection, "VACUUM ANALYZE orders", null, cancellationToken);
        var results = new List<CaseResult>();
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var rows = await ReadAsync(c.AfterSql, cancellationToken);
            var plan = await ExplainAsync(c.AfterSql, cancellationToken);
            var (changed, description) = PlanChangeCheck.Evaluate(c.ExpectedChange, before[i].Plan, plan, workload);
            results.Add(new CaseResult(c, before[i].Plan, plan, before[i].Rows, rows, RowIdentity.Check(before[i].Rows, rows), changed, description));
        }
        return results;
    }

    /// <summary>The query's rows, with the workload's parameters it names.</summary>
    public Task<ResultSet> ReadAsync(string sql, CancellationToken cancellationToken = default) =>
        PostgresRows.ReadAsync(connection, sql, ParametersOf(sql), cancellationToken);

    /// <summary>EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON), repeated; the run with the lowest execution time.</summary>
    public async Task<ExplainPlan> ExplainAsync(string sql, CancellationToken cancellationToken = default)
    {
        ExplainPlan? best = null;
        double spent = 0;
        for (var i = 0; i < Repetitions && (i == 0 || spent < RepetitionBudgetMs); i++)
        {
            await using var cmd = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, connection) { CommandTimeout = 600 };
            foreach (var (name, value) in ParametersOf(sql)) cmd.Parameters.AddWithValue(name, value);
            var plan = ExplainPlan.Parse((string)(await cmd.ExecuteScalarAsync(cancellationToken))!);
            spent += plan.ExecutionMs;
            if (best is null || plan.ExecutionMs < best.ExecutionMs) best = plan;
        }
        return best!;
    }

    private Dictionary<string, object> ParametersOf(string sql)
    {
        var named = ParameterName().Matches(sql).Select(m => m.Groups[1].Value).ToHashSet();
        return workload.Parameters.Where(p => named.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
    }

    [GeneratedRegex(@"@([a-z_]+)")]
    private static partial Regex ParameterName();
}
