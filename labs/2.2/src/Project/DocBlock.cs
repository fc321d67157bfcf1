using System.Text.RegularExpressions;

namespace StatelessMind.Labs.Transformation.Project;

/// <summary>
/// dbt's doc blocks: <c>{% docs name %}…{% enddocs %}</c> in the project's markdown files, referenced from a
/// schema.yml description as <c>{{ doc('name') }}</c>. Two blocks of one name are an error, as in dbt.
/// </summary>
public static partial class DocBlock
{
    [GeneratedRegex(@"\{%-?\s*docs\s+(\w+)\s*-?%\}(.*?)\{%-?\s*enddocs\s*-?%\}", RegexOptions.Singleline)]
    private static partial Regex Block();

    public static IReadOnlyDictionary<string, string> Read(string root, IEnumerable<string> folders)
    {
        var blocks = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var files = folders.Where(Directory.Exists).SelectMany(d => Directory.EnumerateFiles(d, "*.md", SearchOption.AllDirectories)).Distinct().Order(StringComparer.Ordinal);
        foreach (var file in files)
            foreach (Match m in Block().Matches(File.ReadAllText(file)))
                if (!blocks.TryAdd(m.Groups[1].Value, m.Groups[2].Value.Trim()))
                    throw new DbtProjectException(Path.GetRelativePath(root, file), $"a second doc block is named '{m.Groups[1].Value}'");
        return blocks;
    }
}
