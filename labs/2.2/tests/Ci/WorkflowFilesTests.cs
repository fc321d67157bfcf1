using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.Transformation.Tests.Ci;

/// <summary>The files around the workflow: the copy GitHub reads is the lab's, and the compose dbt service matches profiles.yml.</summary>
[Goal("2.2-2")]
public sealed class WorkflowFilesTests
{
    private static string Yaml() => File.ReadAllText(Path.Combine(ShippedProject.Directory("ci"), "dbt.yml"));

    private static string Profiles() => File.ReadAllText(Path.Combine(ShippedProject.Directory("dbt"), "profiles.yml"));

    [Fact]
    public void The_github_copy_is_the_labs_file_where_the_repository_has_one()
    {
        string? root = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && root is null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "labs", "goals.yaml"))) root = dir.FullName;
        Assert.NotNull(root);
        var github = Path.Combine(root, ".github", "workflows", "dbt.yml");
        var lab = File.ReadAllText(Path.Combine(root, "labs", "2.2", "ci", "dbt.yml"));
        Assert.Equal(Yaml(), lab); // the copy beside the assembly is the lab's file
        if (File.Exists(github)) Assert.Equal(lab, File.ReadAllText(github));
    }

    [Fact]
    public void The_compose_dbt_service_points_every_variable_profiles_yml_reads_at_the_compose_postgres()
    {
        string? root = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && root is null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "labs", "goals.yaml"))) root = dir.FullName;
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        using (var reader = new StreamReader(Path.Combine(root!, "infra", "compose", "dbt", "compose.yml"))) stream.Load(reader);
        var dbt = (YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode)["services"])["dbt"];
        Assert.StartsWith("ghcr.io/dbt-labs/dbt-postgres:1.8", dbt["image"].ToString(), StringComparison.Ordinal);
        var env = ((YamlDotNet.RepresentationModel.YamlMappingNode)dbt["environment"]).Children.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value.ToString());
        Assert.Equal("postgres-primary", env["DBT_PG_HOST"]);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(Profiles(), @"env_var\('(\w+)'"))
            Assert.True(env.ContainsKey(m.Groups[1].Value), m.Groups[1].Value);
    }
}
