using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Graph;
using StatelessMind.Labs.Transformation.Jinja;
using StatelessMind.Labs.Transformation.Project;

namespace StatelessMind.Labs.Transformation.Tests.Execution;

/// <summary>Loading and compiling without a database: bad input is a typed error naming the file.</summary>
[Goal("2.2-1")]
public sealed class ProjectLoadingTests
{
    private static readonly DbtRunOptions Options = new()
    {
        Environment = ProfileTarget.Environment("Host=127.0.0.1;Port=5432;Username=u;Password=p;Database=d", "analytics"),
    };

    [Fact]
    public void A_folder_without_dbt_project_yml_is_refused_naming_the_file()
    {
        var e = Assert.Throws<DbtProjectException>(() => DbtProject.Load(Path.GetTempPath()));
        Assert.EndsWith("dbt_project.yml", e.File, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ref_to_nothing_names_the_model_file_and_line()
    {
        using var project = new TempProject(new Dictionary<string, string> { ["models/a.sql"] = "select 1 as x\nfrom {{ ref('nope') }}" });
        var e = Assert.Throws<TemplateException>(() => DbtRunner.Open(project.Root, Options));
        Assert.Equal("models/a.sql", e.File);
        Assert.Equal(2, e.Line);
        Assert.Contains("no model or seed is named 'nope'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ref_cycle_fails_the_load_and_names_the_cycle()
    {
        using var project = new TempProject(new Dictionary<string, string>
        {
            ["models/a.sql"] = "select * from {{ ref('c') }}",
            ["models/b.sql"] = "select * from {{ ref('a') }}",
            ["models/c.sql"] = "select * from {{ ref('b') }}",
        });
        var e = Assert.Throws<DependencyCycleException>(() => DbtRunner.Open(project.Root, Options));
        Assert.Equal(4, e.Cycle.Count);
        Assert.Contains("model.shop.a", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_generic_test_is_refused_naming_the_schema_file()
    {
        using var project = new TempProject(new Dictionary<string, string>
        {
            ["models/a.sql"] = "select 1 as id",
            ["models/schema.yml"] = "version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        data_tests: [is_even]\n",
        });
        var e = Assert.Throws<DbtProjectException>(() => DbtProject.Load(project.Root));
        Assert.Contains("models/schema.yml", e.Message, StringComparison.Ordinal);
        Assert.Contains("unsupported generic test 'is_even'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_writes_the_rendered_sql_to_target_compiled_with_schema_and_vars_resolved()
    {
        using var project = new TempProject(new Dictionary<string, string>
        {
            ["models/staging/stg.sql"] = "{{ config(schema='staging') }}select {{ var('min_amount') }} as m, '{{ env_var('DBT_PG_SCHEMA') }}' as s",
            ["models/b.sql"] = "select * from {{ ref('stg') }}",
        });
        var runner = DbtRunner.Open(project.Root, Options);
        var compiled = runner.CompileAll();

        Assert.Equal(["stg", "b"], compiled.Select(c => c.Name));
        Assert.Equal("select * from \"analytics_staging\".\"stg\"", compiled[1].Sql);
        Assert.Equal(compiled[1].Sql, File.ReadAllText(Path.Combine(project.Root, "target", "compiled", "shop", "models", "b.sql")));
        Assert.Equal("select 0 as m, 'analytics' as s", compiled[0].Sql);
    }
}
