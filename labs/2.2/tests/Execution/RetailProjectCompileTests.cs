using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Project;

namespace StatelessMind.Labs.Transformation.Tests.Execution;

/// <summary>The shipped retail project compiled without a database: macros, vars, env_var and the schema override resolved.</summary>
[Goal("2.2-3")]
public sealed class RetailProjectCompileTests : IDisposable
{
    private static readonly string Project = Path.Combine(Path.GetDirectoryName(typeof(DbtRunner).Assembly.Location)!, "dbt");
    private readonly string _target = Path.Combine(Path.GetTempPath(), $"sm-dbt-target-{Guid.NewGuid():N}");

    private DbtRunner Open(string? target = null, string currency = "EUR")
    {
        var environment = ProfileTarget.Environment("Host=127.0.0.1;Port=5432;Username=u;Password=p;Database=d", "analytics");
        environment["DBT_CURRENCY"] = currency;
        return DbtRunner.Open(Project, new DbtRunOptions { Environment = environment, Target = target, TargetDirectory = _target });
    }

    public void Dispose()
    {
        if (Directory.Exists(_target)) Directory.Delete(_target, recursive: true);
    }

    [Fact]
    public void Every_model_compiles_to_sql_with_no_template_syntax_left()
    {
        var compiled = Open().CompileAll();
        Assert.True(compiled.Count >= 12);
        foreach (var model in compiled)
        {
            Assert.DoesNotContain("{{", model.Sql, StringComparison.Ordinal);
            Assert.DoesNotContain("{%", model.Sql, StringComparison.Ordinal);
            Assert.DoesNotContain("{#", model.Sql, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(_target, "compiled", "retail", model.RelativePath)), model.RelativePath);
        }
    }

    [Fact]
    public void The_pivot_macro_writes_one_column_per_segment_of_the_project_var()
    {
        var sql = Open().Compile("revenue_by_department_segment").Sql;
        foreach (var segment in new[] { "consumer", "small_business", "corporate" })
            Assert.Contains($"sum(case when customers.segment = '{segment}' then sales.revenue_cents else 0 end) as revenue_cents_{segment}", sql, StringComparison.Ordinal);
        Assert.Contains("round(cast(sum(sales.revenue_cents) as numeric) / 100, 2) as revenue", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void The_surrogate_key_macro_separates_columns_and_env_var_reaches_the_model()
    {
        var sql = Open(currency: "USD").Compile("fct_sales").Sql;
        Assert.Contains("md5(coalesce(cast(lines.order_id as text), '_null_') || '|' || coalesce(cast(lines.line_number as text), '_null_')) as sales_key", sql, StringComparison.Ordinal);
        Assert.Contains("'USD' as currency_code", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generate_schema_name_override_uses_custom_schemas_as_they_are_in_prod_only()
    {
        var dev = Open();
        var prod = Open(target: "prod");
        Assert.Equal("analytics_marts", dev.RelationOf("fct_sales").Schema);
        Assert.Equal("analytics_staging", dev.RelationOf("stg_orders").Schema);
        Assert.Equal("marts", prod.RelationOf("fct_sales").Schema);
        Assert.Equal("staging", prod.RelationOf("stg_orders").Schema);
    }
}
