namespace StatelessMind.Dataflow.Text;

/// <summary>
/// Real English prose that ships offline: Debian's <c>fortunes</c> package (about 2.6 MB in
/// /usr/share/games/fortunes, one file per category, fortunes separated by lines holding only "%").
/// </summary>
public static class FortuneCorpus
{
    public const string DefaultDirectory = "/usr/share/games/fortunes";

    /// <summary>The category files (plain files without an extension; the .dat indexes and .u8 links are skipped), sorted by name.</summary>
    public static IReadOnlyList<string> Files(string directory = DefaultDirectory)
    {
        if (!Directory.Exists(directory))
            throw new CorpusNotFoundException(directory, "the fortunes are not installed: apt-get install fortunes (make setup does it)");
        var files = Directory.EnumerateFiles(directory)
            .Where(f => !Path.HasExtension(f) && (File.GetAttributes(f) & FileAttributes.ReparsePoint) == 0 && new FileInfo(f).Length > 0)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0) throw new CorpusNotFoundException(directory, "it holds no fortune files (apt-get install fortunes)");
        return files;
    }

    /// <summary>The individual fortunes of the corpus (text between "%" lines), trimmed, empty ones skipped.</summary>
    public static IEnumerable<string> Fortunes(string directory = DefaultDirectory)
    {
        foreach (var file in Files(directory))
        {
            var current = new System.Text.StringBuilder();
            foreach (var line in File.ReadLines(file))
            {
                if (line == "%")
                {
                    if (current.Length > 0) yield return current.ToString().Trim();
                    current.Clear();
                    continue;
                }
                current.AppendLine(line);
            }
            if (current.ToString().Trim() is { Length: > 0 } last) yield return last;
        }
    }
}

/// <summary>A corpus the labs read is not on this machine.</summary>
public sealed class CorpusNotFoundException(string directory, string reason) : Exception($"Corpus folder '{directory}': {reason}.")
{
    public string Directory { get; } = directory;
}
