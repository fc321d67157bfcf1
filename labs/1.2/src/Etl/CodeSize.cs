using System.Reflection;

namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>
/// Lines of code of each side, counted the same way: lines that hold code, not blank and not only a comment
/// (<c>//</c> and <c>///</c> in C#; <c>--</c> and <c>{# … #}</c> in SQL and Jinja; <c>#region</c> markers are not code).
/// </summary>
public static class CodeSize
{
    /// <summary>The ETL's C# files: extract, transform (in memory) and load, as embedded in this assembly.</summary>
    public static IReadOnlyList<string> EtlFiles { get; } = ["EtlExtractor.cs", "MartTransform.cs", "Aggregates.cs", "EtlLoader.cs", "MartTable.cs"];

    public static int CountCode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        var inComment = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (inComment)
            {
                if (line.Contains("#}", StringComparison.Ordinal) || line.Contains("*/", StringComparison.Ordinal)) inComment = false;
                continue;
            }
            if (line.StartsWith("{#", StringComparison.Ordinal) || line.StartsWith("/*", StringComparison.Ordinal))
            {
                inComment = !(line.Contains("#}", StringComparison.Ordinal) || line.Contains("*/", StringComparison.Ordinal));
                continue;
            }
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith("--", StringComparison.Ordinal)
                || line.StartsWith("#region", StringComparison.Ordinal) || line.StartsWith("#endregion", StringComparison.Ordinal)) continue;
            count++;
        }
        return count;
    }

    /// <summary>The ETL's lines of code, read from the sources embedded in this assembly.</summary>
    public static int EtlLines()
    {
        var assembly = typeof(CodeSize).Assembly;
        return EtlFiles.Sum(f => CountCode(ReadResource(assembly, $"etl-source/{f}")));
    }

    /// <summary>The ELT's lines of code: the raw copy (C#) and the dbt project's macros and models (SQL with Jinja) — only <paramref name="models"/> when given.</summary>
    public static (int Loader, int Sql) EltLines(string dbtProject, IReadOnlyCollection<string>? models = null)
    {
        var sql = Directory.EnumerateFiles(Path.Combine(dbtProject, "models"), "*.sql", SearchOption.AllDirectories)
            .Where(f => models is null || models.Contains(Path.GetFileNameWithoutExtension(f)))
            .Concat(Directory.EnumerateFiles(Path.Combine(dbtProject, "macros"), "*.sql", SearchOption.AllDirectories))
            .Sum(f => CountCode(File.ReadAllText(f)));
        return (CountCode(ReadResource(typeof(CodeSize).Assembly, "etl-source/EltLoader.cs")), sql);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
