using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace StatelessMind.Labs.Transformation.Docs;

/// <summary>
/// What a dbt project's files say, read directly and without the runner — the yardstick the manifest, the lineage page
/// and build are checked against: the model, seed and source ids, the number of data tests (schema.yml entries plus
/// files under tests/), and the lineage edges from the <c>ref()</c> / <c>source()</c> calls in the model files.
/// </summary>
public sealed partial record ProjectFiles(string Project, IReadOnlySet<string> Models, IReadOnlySet<string> Seeds, IReadOnlySet<string> Sources,
    int GenericTests, int SingularTests, IReadOnlySet<(string From, string To)> Edges)
{
    [GeneratedRegex(@"\bref\(\s*'(\w+)'\s*\)")]
    private static partial Regex Ref();

    [GeneratedRegex(@"\bsource\(\s*'(\w+)'\s*,\s*'(\w+)'\s*\)")]
    private static partial Regex Source();

    [GeneratedRegex(@"^name:\s*['""]?(\w+)", RegexOptions.Multiline)]
    private static partial Regex ProjectName();

    public int Tests => GenericTests + SingularTests;

    /// <summary>The models downstream of <paramref name="model"/> (its children, their children, …), by these edges.</summary>
    public IReadOnlySet<string> Descendants(string model)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([model]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            foreach (var (_, to) in Edges.Where(e => e.From == node))
                if (found.Add(to)) stack.Push(to);
        }
        return found;
    }

    public static ProjectFiles Read(string root)
    {
        var project = ProjectName().Match(File.ReadAllText(Path.Combine(root, "dbt_project.yml"))).Groups[1].Value;
        var modelFiles = Directory.EnumerateFiles(Path.Combine(root, "models"), "*.sql", SearchOption.AllDirectories).ToList();
        var modelNames = modelFiles.Select(Path.GetFileNameWithoutExtension).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var seedNames = Directory.Exists(Path.Combine(root, "seeds"))
            ? Directory.EnumerateFiles(Path.Combine(root, "seeds"), "*.csv", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        var sources = new HashSet<string>(StringComparer.Ordinal);
        var generic = 0;
        foreach (var yml in Directory.EnumerateFiles(Path.Combine(root, "models"), "*.yml", SearchOption.AllDirectories))
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(yml)) stream.Load(reader);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode doc) continue;
            foreach (var source in Items(doc, "sources"))
                foreach (var table in Items(source, "tables"))
                {
                    sources.Add($"source.{project}.{Scalar(source, "name")}.{Scalar(table, "name")}");
                    generic += Items(table, "columns").Sum(c => Items(c, "data_tests").Count() + Items(c, "tests").Count());
                }
            foreach (var model in Items(doc, "models"))
                generic += Items(model, "columns").Sum(c => Items(c, "data_tests").Count() + Items(c, "tests").Count());
        }
        var singular = Directory.Exists(Path.Combine(root, "tests")) ? Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.sql", SearchOption.AllDirectories).Count() : 0;
        var edges = new HashSet<(string, string)>();
        foreach (var file in modelFiles)
        {
            var to = $"model.{project}.{Path.GetFileNameWithoutExtension(file)}";
            var text = Regex.Replace(File.ReadAllText(file), @"\{#.*?#\}", "", RegexOptions.Singleline);
            foreach (Match m in Ref().Matches(text))
                edges.Add((modelNames.Contains(m.Groups[1].Value) ? $"model.{project}.{m.Groups[1].Value}" : $"seed.{project}.{m.Groups[1].Value}", to));
            foreach (Match m in Source().Matches(text))
                edges.Add(($"source.{project}.{m.Groups[1].Value}.{m.Groups[2].Value}", to));
        }
        return new ProjectFiles(project, modelNames.Select(n => $"model.{project}.{n}").ToHashSet(StringComparer.Ordinal),
            seedNames.Select(n => $"seed.{project}.{n}").ToHashSet(StringComparer.Ordinal), sources, generic, singular, edges);
    }

    private static IEnumerable<YamlMappingNode> Items(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlSequenceNode seq ? seq.Children.Select(c => c as YamlMappingNode ?? Wrap(c)) : [];

    /// <summary>A test written as a bare name (<c>- unique</c>) counts like a mapping.</summary>
    private static YamlMappingNode Wrap(YamlNode node) => new(new YamlScalarNode("name"), node);

    private static string Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value ?? "" : "";
}
