using Npgsql;
using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Project;

namespace StatelessMind.Labs.Transformation.Tests.Execution;

/// <summary>Each materialization, seeds and the generic tests, run on real PostgreSQL and checked in the catalog and the data.</summary>
[Collection(PostgresCollection.Name)]
[Goal("2.2-1")]
public sealed class MaterializationTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static Dictionary<string, string> Files() => new()
    {
        ["seeds/status_codes.csv"] = "code,label,is_final\n1,open,false\n2,paid,true\n3,\"shipped, late\",true\n",
        ["models/raw_payments.sql"] = "{{ config(materialized='view') }}select * from {{ source('app', 'payments') }}",
        ["models/paid_payments.sql"] = "{{ config(materialized='ephemeral') }}select * from {{ ref('raw_payments') }} where status = 2",
        ["models/payment_totals.sql"] = "{{ config(materialized='table') }}with t as (select sum(amount) as total from {{ ref('paid_payments') }}) select total from t",
        ["models/payment_log.sql"] = "{{ config(materialized='incremental', unique_key='id') }}\nselect id, amount, status from {{ ref('raw_payments') }}\n" +
                                     "{% if is_incremental() %}where id > (select coalesce(max(id), 0) from {{ this }}) or status = 3{% endif %}",
        ["models/labels.sql"] = "select p.id, s.label from {{ ref('raw_payments') }} p join {{ ref('status_codes') }} s on s.code = p.status",
        ["models/schema.yml"] = "version: 2\nsources:\n  - name: app\n    schema: app\n    tables:\n      - name: payments\nmodels:\n  - name: payment_log\n    columns:\n" +
                                "      - name: id\n        data_tests: [unique, not_null]\n      - name: status\n        data_tests:\n          - accepted_values:\n              values: [1, 2]\n" +
                                "  - name: labels\n    columns:\n      - name: id\n        data_tests:\n          - relationships:\n              to: ref('payment_log')\n              field: id\n",
    };

    private async Task<(string Db, DbtRunner Runner, TempProject Project)> SetUpAsync()
    {
        var db = await postgres.CreateDatabaseAsync("mat");
        await ExecAsync(db, "create schema app; create table app.payments (id int primary key, amount int not null, status int not null);" +
                            "insert into app.payments values (1, 10, 1), (2, 20, 2), (3, 30, 2)");
        var project = new TempProject(Files());
        var runner = DbtRunner.Open(project.Root, new DbtRunOptions { Environment = ProfileTarget.Environment(db, "dev") });
        return (db, runner, project);
    }

    private static async Task ExecAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task View_table_ephemeral_and_seed_land_as_dbt_would_build_them()
    {
        var (db, runner, project) = await SetUpAsync();
        using var _ = project;
        var results = await runner.BuildAsync();
        output.WriteLine(DbtRunner.Describe(results));

        Assert.DoesNotContain(results, r => r.Status is NodeStatus.Error or NodeStatus.Skipped);
        Assert.Equal("v", (await ScalarAsync(db, "select relkind::text from pg_class where oid = 'dev.raw_payments'::regclass"))!.ToString());
        Assert.Equal("r", (await ScalarAsync(db, "select relkind::text from pg_class where oid = 'dev.payment_totals'::regclass"))!.ToString());
        Assert.Equal(DBNull.Value, await ScalarAsync(db, "select to_regclass('dev.paid_payments')::text")); // ephemeral: never built
        Assert.Equal(50L, await ScalarAsync(db, "select total from dev.payment_totals"));
        var compiled = File.ReadAllText(Path.Combine(project.Root, "target", "compiled", "shop", "models", "payment_totals.sql"));
        Assert.StartsWith("with __dbt__cte__paid_payments as (", compiled, StringComparison.Ordinal);
        Assert.Equal("shipped, late", await ScalarAsync(db, "select label from dev.status_codes where code = 3"));
        Assert.Equal("boolean", await ScalarAsync(db, "select data_type from information_schema.columns where table_schema = 'dev' and table_name = 'status_codes' and column_name = 'is_final'"));
    }

    [Fact]
    public async Task An_incremental_model_appends_new_rows_and_replaces_rows_whose_key_it_sees_again()
    {
        var (db, runner, project) = await SetUpAsync();
        using var _ = project;
        await runner.SeedAsync();
        Assert.All(await runner.RunAsync(null), r => Assert.Equal(NodeStatus.Success, r.Status));
        await ExecAsync(db, "update dev.payment_log set amount = 0 where id = 1; update app.payments set amount = 31, status = 3 where id = 3; insert into app.payments values (4, 40, 1)");

        Assert.All(await runner.RunAsync("payment_log"), r => Assert.Equal(NodeStatus.Success, r.Status));
        // Row 1 was changed in the target only: an incremental run leaves it alone; a full rebuild would restore it.
        Assert.Equal(0, await ScalarAsync(db, "select amount from dev.payment_log where id = 1"));
        Assert.Equal(4L, await ScalarAsync(db, "select count(*) from dev.payment_log"));
        Assert.Equal(31, await ScalarAsync(db, "select amount from dev.payment_log where id = 3"));
        Assert.Equal(1L, await ScalarAsync(db, "select count(*) from dev.payment_log where id = 3"));
        var run = File.ReadAllText(Path.Combine(project.Root, "target", "run", "shop", "models", "payment_log.sql"));
        Assert.Contains("delete from \"dev\".\"payment_log\" where (\"id\") in", run, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generic_tests_pass_on_good_data_and_count_the_rows_that_break_them()
    {
        var (db, runner, project) = await SetUpAsync();
        using var _ = project;
        await runner.SeedAsync();
        await runner.RunAsync(null);
        var clean = await runner.TestAsync();
        Assert.Equal(4, clean.Count);
        Assert.All(clean, r => Assert.Equal(NodeStatus.Pass, r.Status));

        await ExecAsync(db, "insert into dev.payment_log values (2, 5, 7), (null, 1, 1)");
        await ExecAsync(db, "insert into app.payments values (8, 80, 2)"); // labels sees id 8, payment_log does not
        var broken = (await runner.TestAsync()).ToDictionary(r => r.UniqueId);
        output.WriteLine(DbtRunner.Describe(broken.Values));
        Assert.Equal(1, broken["test.shop.unique_payment_log_id"].Failures);
        Assert.Equal(1, broken["test.shop.not_null_payment_log_id"].Failures);
        Assert.Equal(1, broken["test.shop.accepted_values_payment_log_status"].Failures);
        Assert.Equal(1, broken["test.shop.relationships_labels_id"].Failures);
        Assert.All(broken.Values, r => Assert.Equal(NodeStatus.Fail, r.Status));
    }
}
