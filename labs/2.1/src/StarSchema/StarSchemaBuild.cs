using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.DimensionalModeling.StarSchema;

/// <summary>
/// Loads the generated operational data into a database and builds the dbt project (lab 2.2's files, shipped beside
/// the assembly) on it with the C# runner: seeds, models, tests. A planted bug edits a private copy of the project.
/// </summary>
public static class StarSchemaBuild
{
    public const string SourceSchema = "retail_ops";
    public const string TargetSchema = "analytics";

    /// <summary>The dbt project as shipped with lab 2.2's assembly.</summary>
    public static string ProjectDirectory => Path.Combine(Path.GetDirectoryName(typeof(DbtRunner).Assembly.Location)!, "dbt");

    public static Task<(DbtRunner Runner, IReadOnlyList<NodeResult> Results)> RunAsync(
        string connectionString, RetailOperationalData data, StarSchemaBug bug, CancellationToken cancellationToken) =>
        RunAsync(connectionString, data, copy => Plant(copy, bug), cancellationToken);

    /// <summary>Builds a private copy of the project after <paramref name="edit"/> has changed it (given the copy's root).</summary>
    public static async Task<(DbtRunner Runner, IReadOnlyList<NodeResult> Results)> RunAsync(
        string connectionString, RetailOperationalData data, Action<string> edit, CancellationToken cancellationToken)
    {
        await data.LoadAsync(connectionString, SourceSchema, cancellationToken);
        var copy = Path.Combine(Path.GetTempPath(), $"sm-dbt-{Guid.NewGuid():N}");
        CopyDirectory(ProjectDirectory, copy);
        try
        {
            edit(copy);
            var runner = DbtRunner.Open(copy, new DbtRunOptions
            {
                Environment = Transformation.Project.ProfileTarget.Environment(connectionString, TargetSchema),
                TargetDirectory = Path.Combine(copy, "target"),
            });
            var results = await runner.BuildAsync(cancellationToken);
            return (runner, results);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static void Plant(string project, StarSchemaBug bug)
    {
        switch (bug)
        {
            case StarSchemaBug.FanOutJoin:
                Replace(Path.Combine(project, "models", "marts", "fct_sales.sql"), "\n    and addr.address_type = 'shipping'", "");
                break;
            case StarSchemaBug.CollidingSurrogateKey:
                Replace(Path.Combine(project, "macros", "surrogate_key.sql"), " || '|' || ", " || ");
                break;
        }
    }

    /// <summary>Replaces text in a file of a project copy; the text must be there, so that a stale edit fails loudly.</summary>
    public static void Replace(string file, string from, string to)
    {
        var text = File.ReadAllText(file);
        if (!text.Contains(from, StringComparison.Ordinal)) throw new InvalidOperationException($"{file} no longer holds the text the planted bug edits");
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(from, file);
            if (rel.StartsWith("target", StringComparison.Ordinal)) continue;
            var dest = Path.Combine(to, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
    }
}
