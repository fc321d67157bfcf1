using Npgsql;
using StatelessMind.Labs.Lifecycle.Etl;
using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Project;

namespace StatelessMind.Labs.Lifecycle.Tests.Etl;

/// <summary>1.2-4: ETL in C# and ELT with lab 2.2's dbt project, from one operational database into one warehouse, on real PostgreSQL.</summary>
[Goal("1.2-4")]
public sealed class EtlEltTests(EtlEltFixture run, ITestOutputHelper output) : IClassFixture<EtlEltFixture>
{
    [Fact]
    public void Both_pipelines_build_the_same_seven_marts_row_for_row()
    {
        foreach (var t in run.Result.Tables) output.WriteLine($"{t}");
        Assert.Equal(EtlEltRun.Marts, run.Result.Tables.Select(t => t.Table));
        Assert.All(run.Result.Tables, t => Assert.True(t.Equal && t.EtlRows > 0, $"{t.Table}: {t}"));
        Assert.True(run.Result.AllEqual);
        Assert.Equal(366, run.Result.Tables.Single(t => t.Table == "dim_date").EltRows);
    }

    [Fact]
    public void The_elt_moves_raw_rows_once_and_its_transformation_moves_only_sql_while_the_etl_carries_rows_both_ways()
    {
        var (etl, elt) = (run.Result.Etl, run.Result.Elt);
        foreach (var p in etl.Phases.Concat(elt.Phases)) output.WriteLine($"{p}");
        // A phase's closed connection says goodbye (Terminate, 5 bytes) as it closes: the relay may count it just after the phase ends.
        const long goodbye = 100;
        var raw = elt.Phases[0];
        Assert.True(raw.SourceBytes > 0 && raw.WarehouseBytes > 0);
        Assert.True(elt.Phases[1].SourceBytes < goodbye && elt.Phases[1].WarehouseBytes < raw.WarehouseBytes / 2, $"{elt.Phases[1]} against {raw}");
        Assert.True(etl.Phases[0].SourceBytes > 0 && etl.Phases[0].WarehouseBytes < goodbye);
        Assert.True(etl.Phases[1].Bytes < goodbye, "the in-memory transformation touches no database");
        Assert.True(etl.Phases[2].WarehouseBytes > 0 && etl.Phases[2].SourceBytes < goodbye);
        Assert.Equal(run.Result.Tables.Sum(t => t.EtlRows), etl.RowsWritten);
        Assert.Equal(etl.RowsWritten, elt.RowsWritten);
    }

    [Theory]
    [InlineData(EtlBug.CalendarWeek, "dim_date")]
    [InlineData(EtlBug.AnyAddressAsShipCity, "fct_sales")]
    public async Task Planted_bug_the_comparison_finds_the_mart_the_broken_transformation_got_wrong(EtlBug bug, string mart)
    {
        var schema = $"etl_bug_{bug.ToString().ToLowerInvariant()}";
        await EtlEltRun.RunEtlAsync(run.Source, run.Warehouse, schema, bug, default);

        var compared = await MartComparison.CompareAsync(run.Warehouse, schema, EtlEltRun.EltSchema, EtlEltRun.Marts, default);

        foreach (var t in compared) output.WriteLine($"{t}");
        var wrong = compared.Single(t => t.Table == mart);
        Assert.False(wrong.Equal);
        Assert.True(wrong.OnlyInEtl > 0 && wrong.OnlyInElt > 0 && wrong.EtlRows == wrong.EltRows, $"{wrong}: same row count, different rows");
        Assert.All(compared.Where(t => t.Table != mart), t => Assert.True(t.Equal, $"{t}"));
    }

    [Fact]
    public async Task The_surrogate_key_in_csharp_equals_the_dbt_macro_run_by_postgresql()
    {
        var runner = DbtRunner.Open(EtlEltRun.DbtProject, new DbtRunOptions
        {
            Environment = ProfileTarget.Environment(run.Warehouse, "analytics"),
            TargetDirectory = Directory.CreateTempSubdirectory("sm-etl-key-").FullName,
        });
        var sql = runner.CompileInline("select {{ surrogate_key(['12', '3']) }}, {{ surrogate_key(['1', '23']) }}, {{ surrogate_key(['null', '7']) }}, {{ surrogate_key(['42']) }}");
        await using var connection = new NpgsqlConnection(run.Warehouse);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        Assert.Equal(MartTransform.SurrogateKey(12, 3), reader.GetString(0));
        Assert.Equal(MartTransform.SurrogateKey(1, 23), reader.GetString(1));
        Assert.NotEqual(reader.GetString(0), reader.GetString(1));
        Assert.Equal(MartTransform.SurrogateKey(null, 7), reader.GetString(2));
        Assert.Equal(MartTransform.SurrogateKey(42), reader.GetString(3));
    }
}
