using System.Globalization;
using System.Xml.Linq;
using Npgsql;
using StatelessMind.Labs.Orchestration.Operators;
using StatelessMind.Labs.Orchestration.XComs;
using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.Lifecycle.DbtJob;

/// <summary>
/// The publish task: reads the run_results.json that the build pushed (its path is the build's <c>run_results</c> XCom),
/// and publishes its data tests twice — as rows of <c>ops.dbt_test_results</c> in the warehouse, where dashboards and
/// later runs can query them, and as a JUnit XML file, the format CI servers display.
/// </summary>
public static class TestResultPublisher
{
    public const string Table = "ops.dbt_test_results";

    public static async Task<TestResultSummary> PublishAsync(string warehouse, string resultsDirectory, TaskContext context, CancellationToken cancellationToken)
    {
        string path;
        try
        {
            path = await context.XCom.PullAsync<string>(DbtJobDag.Build, DbtOperator.RunResultsKey, cancellationToken);
        }
        catch (XComNotFoundException)
        {
            context.Log.Info("no dbt results to publish: the build did not run in this run");
            return new TestResultSummary(0, 0, 0, 0, 0, null);
        }
        var tests = RunResults.Read(path).Where(r => r.UniqueId.StartsWith("test.", StringComparison.Ordinal)).ToList();
        var folder = Path.Combine(resultsDirectory, string.Concat(context.Run.RunId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')));
        Directory.CreateDirectory(folder);
        var junit = Path.Combine(folder, "dbt-tests.xml");
        JUnit(tests, context.Clock.GetUtcNow()).Save(junit);
        await using (var connection = new NpgsqlConnection(warehouse))
        {
            await connection.OpenAsync(cancellationToken);
            await WriteRowsAsync(connection, context.Key.DagId, context.Run.RunId, tests, context.Clock.GetUtcNow(), cancellationToken);
        }
        var summary = new TestResultSummary(tests.Count, tests.Count(t => t.Status == NodeStatus.Pass), tests.Count(t => t.Status == NodeStatus.Fail),
            tests.Count(t => t.Status == NodeStatus.Error), tests.Count(t => t.Status == NodeStatus.Skipped), junit);
        context.Log.Info("published", new()
        {
            ["tests"] = summary.Tests.ToString(CultureInfo.InvariantCulture),
            ["failed"] = summary.Failed.ToString(CultureInfo.InvariantCulture),
            ["junit"] = junit,
        });
        return summary;
    }

    /// <summary>The data tests as one JUnit test suite named dbt: a failing test carries a failure, an erroring one an
    /// error, a skipped one a skipped element.</summary>
    public static XDocument JUnit(IReadOnlyList<NodeResult> tests, DateTimeOffset at)
    {
        #region Exercise 1.2-5c: the JUnit XML of the data tests: a testsuite "dbt" with the counts, one testcase per test, with failure, error or skipped (tests: JUnitTests)
        var cases = tests.Select(t =>
        {
            var parts = t.UniqueId.Split('.');
            var testcase = new XElement("testcase", new XAttribute("classname", string.Join('.', parts.Take(2))), new XAttribute("name", parts[^1]));
            switch (t.Status)
            {
                case NodeStatus.Fail:
                    testcase.Add(new XElement("failure", new XAttribute("message", $"{t.Failures} failing rows"), t.Message));
                    break;
                case NodeStatus.Error:
                    testcase.Add(new XElement("error", new XAttribute("message", t.Message)));
                    break;
                case NodeStatus.Skipped:
                    testcase.Add(new XElement("skipped", new XAttribute("message", t.Message)));
                    break;
            }
            return testcase;
        });
        var suite = new XElement("testsuite",
            new XAttribute("name", "dbt"),
            new XAttribute("tests", tests.Count),
            new XAttribute("failures", tests.Count(t => t.Status == NodeStatus.Fail)),
            new XAttribute("errors", tests.Count(t => t.Status == NodeStatus.Error)),
            new XAttribute("skipped", tests.Count(t => t.Status == NodeStatus.Skipped)),
            new XAttribute("timestamp", at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            cases);
        return new XDocument(new XElement("testsuites", suite));
        #endregion
    }

    /// <summary>Replaces the run's rows of <see cref="Table"/> with one row per test, in one transaction, so that a
    /// retried publish leaves each run's results once.</summary>
    public static async Task WriteRowsAsync(NpgsqlConnection connection, string dagId, string runId, IReadOnlyList<NodeResult> tests, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(
            $"""
            create schema if not exists ops;
            create table if not exists {Table} (
                dag_id text not null, run_id text not null, unique_id text not null, status text not null, failures bigint not null,
                message text not null, published_at timestamptz not null, primary key (dag_id, run_id, unique_id))
            """, connection))
            await create.ExecuteNonQueryAsync(cancellationToken);
        #region Exercise 1.2-5d: in one transaction, delete the run's earlier rows and insert one row per test (tests: TestResultTableTests)
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = new NpgsqlCommand($"delete from {Table} where dag_id = $1 and run_id = $2", connection, tx))
        {
            delete.Parameters.Add(new() { Value = dagId });
            delete.Parameters.Add(new() { Value = runId });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var test in tests)
        {
            await using var insert = new NpgsqlCommand($"insert into {Table} values ($1, $2, $3, $4, $5, $6, $7)", connection, tx);
            foreach (var value in new object[] { dagId, runId, test.UniqueId, test.Status.ToString().ToLowerInvariant(), test.Failures, test.Message, at })
                insert.Parameters.Add(new() { Value = value });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        #endregion
    }
}
