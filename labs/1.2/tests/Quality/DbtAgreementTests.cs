using Npgsql;
using StatelessMind.Labs.Lifecycle.Quality;

namespace StatelessMind.Labs.Lifecycle.Tests.Quality;

/// <summary>The second way: the dbt project's schema and singular tests, run by lab 2.2's runner over the same tables,
/// fail exactly on the seeded defect's rule and agree with the expectation suite on every dataset.</summary>
[Goal("1.2-2")]
[Collection(QualityPostgresCollection.Name)]
public sealed class DbtAgreementTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Dbt_fails_exactly_the_seeded_rule_and_agrees_with_the_suite_on_every_dataset()
    {
        var db = await postgres.CreateDatabaseAsync("dbtq");
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await OrdersTable.LoadAsync(connection, "raw.orders_reference", QualityData.Reference.Value);
        var suite = OrdersSuite.Load();
        var problems = new List<string>();
        var bugProblems = new Dictionary<QualityBug, int>();
        foreach (var defect in QualityData.AllDatasets)
        {
            var dataset = QualityData.Seeded(defect);
            var name = defect?.ToString() ?? "clean";
            await OrdersTable.LoadAsync(connection, "raw.orders", dataset.Frame);

            var dbt = await DbtSchemaTests.RunAsync(db, "raw", QualityData.AsOf);
            var suiteResult = FrameValidator.Validate(suite, dataset.Frame, name, QualityData.Settings, QualityData.References);

            output.WriteLine($"{name}: dbt failed [{string.Join(", ", dbt.Where(t => !t.Passed).Select(t => $"{t.Test} ({t.Failures})"))}]");
            Assert.Equal(DbtSchemaTests.ExpectationOf.Count, dbt.Count);
            var failedKeys = dbt.Where(t => !t.Passed).Select(t => t.ExpectationKey).ToList();
            if (!failedKeys.SequenceEqual(dataset.TargetExpectation is { } k ? [k] : Array.Empty<string>()))
                problems.Add($"{name}: dbt failed [{string.Join(", ", failedKeys)}], the seed targets {dataset.TargetExpectation ?? "nothing"}");
            problems.AddRange(QualityAudit.AgainstDbt(suiteResult, dbt).Select(p => $"{name}: {p}"));
            foreach (var bug in Enum.GetValues<QualityBug>().Where(b => b != QualityBug.None))
            {
                var bugged = FrameValidator.Validate(suite, dataset.Frame, name, QualityData.Settings with { Bug = bug }, QualityData.References);
                bugProblems[bug] = bugProblems.GetValueOrDefault(bug) + QualityAudit.AgainstDbt(bugged, dbt).Count;
            }
        }

        foreach (var p in problems) output.WriteLine(p);
        Assert.Empty(problems);
        // dbt's verdicts alone catch the planted bugs: the suite with a bug disagrees with dbt somewhere.
        Assert.All(bugProblems, kv => Assert.True(kv.Value > 0, $"{kv.Key} went unnoticed by the comparison with dbt"));
    }
}
