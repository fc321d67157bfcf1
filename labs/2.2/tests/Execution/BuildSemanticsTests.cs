using StatelessMind.Labs.Transformation.Cli;
using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Project;

namespace StatelessMind.Labs.Transformation.Tests.Execution;

/// <summary>
/// build's semantics on PostgreSQL: one DAG of seeds, models and tests, each model's tests right after it, and
/// everything downstream of a failed model or a failing test SKIPPED — with a failing test planted on purpose.
/// </summary>
[Collection(PostgresCollection.Name)]
[Goal("2.2-1")]
public sealed class BuildSemanticsTests(PostgresFixture postgres, ITestOutputHelper output)
{
    // a <- b <- c (a chain), a <- d, e alone; the planted test fails on b, so c (and only c) must be skipped.
    private static Dictionary<string, string> Files(bool failingTest, bool brokenModel = false) => new()
    {
        ["models/a.sql"] = "select id, amount from {{ source('app', 'payments') }}",
        ["models/b.sql"] = "{{ config(materialized='table') }}select id, amount * 2 as doubled from {{ ref('a') }}",
        ["models/c.sql"] = "select sum(doubled) as total from {{ ref('b') }}",
        ["models/d.sql"] = brokenModel ? "select no_such_column from {{ ref('a') }}" : "select count(*) as n from {{ ref('a') }}",
        ["models/f.sql"] = "select n from {{ ref('d') }}",
        ["models/e.sql"] = "select 1 as one",
        ["models/schema.yml"] = "version: 2\nsources:\n  - name: app\n    schema: app\n    tables:\n      - name: payments\nmodels:\n  - name: a\n    columns:\n" +
                                "      - name: id\n        data_tests: [unique, not_null]\n  - name: b\n    columns:\n      - name: id\n        data_tests: [unique]\n",
        [failingTest ? "tests/assert_b_is_empty.sql" : "tests/assert_b_positive.sql"] = failingTest
            ? "select id from {{ ref('b') }}"
            : "select id from {{ ref('b') }} where doubled < 0",
    };

    private async Task<(TempProject Project, DbtRunOptions Options)> SetUpAsync(bool failingTest, bool brokenModel = false, RunnerBug bug = RunnerBug.None)
    {
        var db = await postgres.CreateDatabaseAsync("build");
        await using (var connection = new Npgsql.NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("create schema app; create table app.payments (id int primary key, amount int not null); insert into app.payments values (1, 10), (2, 20)", connection);
            await command.ExecuteNonQueryAsync();
        }
        return (new TempProject(Files(failingTest, brokenModel)), new DbtRunOptions { Environment = ProfileTarget.Environment(db, "dev"), Bug = bug });
    }

    /// <summary>The nodes build ran that should have been skipped, and those it skipped that should have run.</summary>
    internal static List<string> SkipViolations(IReadOnlyList<NodeResult> results, IReadOnlySet<string> mustSkip) =>
        results.Where(r => mustSkip.Contains(r.UniqueId) != (r.Status == NodeStatus.Skipped)).Select(r => $"{r.UniqueId}: {r.Status}").ToList();

    [Fact]
    public async Task Each_model_is_followed_by_its_tests_and_every_node_comes_after_its_parents()
    {
        var (project, options) = await SetUpAsync(failingTest: false);
        using var _ = project;
        var runner = DbtRunner.Open(project.Root, options);
        var results = await runner.BuildAsync();
        output.WriteLine(DbtRunner.Describe(results));

        Assert.All(results, r => Assert.Contains(r.Status, new[] { NodeStatus.Success, NodeStatus.Pass }));
        var order = results.Select(r => r.UniqueId).ToList();
        Assert.Equal(6 + 4, order.Count); // six models, four tests
        Assert.Equal(["test.shop.not_null_a_id", "test.shop.unique_a_id"], order.Skip(order.IndexOf("model.shop.a") + 1).Take(2).Order(StringComparer.Ordinal));
        Assert.Equal(["test.shop.assert_b_positive", "test.shop.unique_b_id"], order.Skip(order.IndexOf("model.shop.b") + 1).Take(2).Order(StringComparer.Ordinal));
        foreach (var id in order.Where(i => i.StartsWith("model.", StringComparison.Ordinal)))
            Assert.All(runner.Graph.Parents(id).Where(order.Contains), p => Assert.True(order.IndexOf(p) < order.IndexOf(id), $"{p} after {id}"));
        foreach (var test in runner.Tests)
            Assert.All(test.DependsOn.Where(order.Contains), p => Assert.True(order.IndexOf(p) < order.IndexOf(test.UniqueId)));
    }

    [Fact]
    public async Task A_failing_test_skips_exactly_the_nodes_downstream_of_its_model()
    {
        var (project, options) = await SetUpAsync(failingTest: true);
        using var _ = project;
        var results = await DbtRunner.Open(project.Root, options).BuildAsync();
        output.WriteLine(DbtRunner.Describe(results));

        Assert.Equal(NodeStatus.Fail, results.Single(r => r.UniqueId == "test.shop.assert_b_is_empty").Status);
        Assert.Empty(SkipViolations(results, new HashSet<string> { "model.shop.c" }));
        Assert.Equal(NodeStatus.Success, results.Single(r => r.UniqueId == "model.shop.b").Status); // the model itself was built
    }

    [Fact]
    public async Task A_failed_model_skips_its_children_and_their_children()
    {
        var (project, options) = await SetUpAsync(failingTest: false, brokenModel: true);
        using var _ = project;
        var results = await DbtRunner.Open(project.Root, options).BuildAsync();
        output.WriteLine(DbtRunner.Describe(results));

        Assert.Equal(NodeStatus.Error, results.Single(r => r.UniqueId == "model.shop.d").Status);
        Assert.Empty(SkipViolations(results.Where(r => r.UniqueId != "model.shop.d").ToList(), new HashSet<string> { "model.shop.f" }));
    }

    [Fact]
    public async Task The_planted_bug_that_ignores_failing_tests_is_caught_by_the_skip_check()
    {
        var (project, options) = await SetUpAsync(failingTest: true, bug: RunnerBug.BuildIgnoresFailingTests);
        using var _ = project;
        var results = await DbtRunner.Open(project.Root, options).BuildAsync();

        Assert.Equal(["model.shop.c: Success"], SkipViolations(results, new HashSet<string> { "model.shop.c" }));
    }

    [Fact]
    public async Task The_command_line_exits_1_on_a_failing_test_0_when_all_pass_and_2_naming_an_unknown_selection()
    {
        var (failing, options) = await SetUpAsync(failingTest: true);
        using var _ = failing;
        var text = new StringWriter();
        Assert.Equal(1, await DbtCli.RunAsync(["build", "--project-dir", failing.Root, "--select", "a+"], text, options));
        output.WriteLine(text.ToString());
        Assert.Contains("SKIPPED  model.shop.c", text.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("model.shop.e", text.ToString(), StringComparison.Ordinal); // not selected

        var passing = new TempProject(Files(failingTest: false));
        using var __ = passing;
        Assert.Equal(0, await DbtCli.RunAsync(["build", "--project-dir", passing.Root], TextWriter.Null, options));
        Assert.Equal(0, await DbtCli.RunAsync(["test", "--project-dir", passing.Root, "--select", "b"], TextWriter.Null, options));

        var error = new StringWriter();
        Assert.Equal(2, await DbtCli.RunAsync(["run", "--project-dir", passing.Root, "--select", "+nosuch"], error, options));
        Assert.Contains("'nosuch'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_line_leaves_dbts_run_results_json_with_every_nodes_outcome()
    {
        var (failing, options) = await SetUpAsync(failingTest: true);
        using var _ = failing;

        Assert.Equal(1, await DbtCli.RunAsync(["build", "--project-dir", failing.Root, "--select", "a+"], TextWriter.Null, options));

        var results = RunResults.Read(Path.Combine(options.TargetDirectory ?? Path.Combine(failing.Root, "target"), RunResults.FileName));
        Assert.Contains(results, r => r.UniqueId == "model.shop.c" && r.Status == NodeStatus.Skipped);
        Assert.Contains(results, r => r.UniqueId.StartsWith("test.", StringComparison.Ordinal) && r.Status == NodeStatus.Fail && r.Failures > 0);
        Assert.DoesNotContain(results, r => r.UniqueId == "model.shop.e");
    }
}
