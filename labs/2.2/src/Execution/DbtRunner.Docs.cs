using StatelessMind.Labs.Transformation.Docs;
using StatelessMind.Labs.Transformation.Jinja;
using StatelessMind.Labs.Transformation.Project;

namespace StatelessMind.Labs.Transformation.Execution;

/// <summary><c>dbt docs generate</c>: target/manifest.json and the static page target/index.html.</summary>
public sealed partial class DbtRunner
{
    /// <summary>A schema.yml description with its <c>{{ doc('name') }}</c> calls replaced by the doc blocks' text.</summary>
    public string RenderDescription(string where, string description)
    {
        if (!description.Contains("{{", StringComparison.Ordinal) && !description.Contains("{%", StringComparison.Ordinal)) return description;
        return _jinja.Render(where, description, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["doc"] = (JinjaFunction)((args, _) =>
            {
                if (args.Count != 1) throw new JinjaCallException("doc() takes the name of a doc block");
                var name = JinjaValues.Str(args[0]);
                return _project.DocBlocks.TryGetValue(name, out var text) ? text
                    : throw new JinjaCallException($"doc('{name}'): no doc block of that name in the project's .md files");
            }),
            ["var"] = (JinjaFunction)Var,
        }).Trim();
    }

    /// <summary>The macros the project defines, by name, with the file each comes from.</summary>
    public IReadOnlyList<(string Name, string Path)> MacroNames() =>
        _project.MacroFiles.SelectMany(f => DocsManifest.MacroDefinitions(f.Source).Select(name => (name, f.Path))).ToList();

    public DocsOutput GenerateDocs()
    {
        var compiled = CompileAll();
        var manifest = DocsManifest.Build(this, compiled, DateTimeOffset.UtcNow);
        Directory.CreateDirectory(TargetDirectory);
        var manifestPath = Path.Combine(TargetDirectory, "manifest.json");
        File.WriteAllText(manifestPath, manifest.ToJsonString(DocsManifest.JsonOptions));
        var indexPath = Path.Combine(TargetDirectory, "index.html");
        File.WriteAllText(indexPath, DocsPage.Render(manifest));
        return new DocsOutput(manifestPath, indexPath, manifest);
    }

    internal ModelDoc? DocOf(string model) => _project.Docs.FirstOrDefault(d => d.Name == model);
}
