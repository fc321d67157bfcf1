namespace StatelessMind.Labs.Transformation.Tests.Execution;

/// <summary>A small dbt project written to a temporary folder for one test, removed afterwards.</summary>
internal sealed class TempProject : IDisposable
{
    public TempProject(IReadOnlyDictionary<string, string> files)
    {
        Root = Path.Combine(Path.GetTempPath(), $"sm-dbt-test-{Guid.NewGuid():N}");
        Write("dbt_project.yml", "name: shop\nprofile: shop\nconfig-version: 2\nvars:\n  min_amount: 0\n");
        Write("profiles.yml", "shop:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n      host: \"{{ env_var('DBT_PG_HOST') }}\"\n      port: \"{{ env_var('DBT_PG_PORT') }}\"\n" +
                              "      user: \"{{ env_var('DBT_PG_USER') }}\"\n      password: \"{{ env_var('DBT_PG_PASSWORD') }}\"\n      dbname: \"{{ env_var('DBT_PG_DATABASE') }}\"\n      schema: \"{{ env_var('DBT_PG_SCHEMA') }}\"\n");
        foreach (var (path, text) in files) Write(path, text);
    }

    public string Root { get; }

    public void Write(string path, string text)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
