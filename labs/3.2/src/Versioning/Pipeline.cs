using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace StatelessMind.Labs.MlOps.Versioning;

/// <summary>
/// A DVC pipeline: stages declared in order (each dependency is a tracked file or an earlier stage's output), written to
/// <c>dvc.yaml</c>; <see cref="Reproduce"/> is <c>dvc repro</c>: it runs a stage only when its command, the content of a
/// dependency, or an output differs from what <c>dvc.lock</c> recorded at its last run, caches the outputs, and
/// rewrites dvc.lock.
/// </summary>
public sealed class Pipeline
{
    public const string DefinitionFile = "dvc.yaml";
    public const string LockFile = "dvc.lock";
    private readonly IReadOnlyList<PipelineStage> _stages;
    private readonly PipelineBug _bug;

    /// <exception cref="ArgumentException">Two stages share a name or an output, or a stage reads an output of a later stage.</exception>
    public Pipeline(IReadOnlyList<PipelineStage> stages, PipelineBug bug = PipelineBug.None)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            if (!names.Add(stage.Name)) throw new ArgumentException($"Two stages are named '{stage.Name}'.", nameof(stages));
            foreach (var output in stage.Outs)
                if (!outputs.TryAdd(output, stage.Name)) throw new ArgumentException($"'{output}' is an output of both '{outputs[output]}' and '{stage.Name}'.", nameof(stages));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            foreach (var dep in stage.Deps)
                if (outputs.TryGetValue(dep, out var producer) && !seen.Contains(producer))
                    throw new ArgumentException($"Stage '{stage.Name}' reads '{dep}', an output of the later stage '{producer}'.", nameof(stages));
            seen.Add(stage.Name);
        }
        _stages = stages;
        _bug = bug;
    }

    /// <summary>The stages' definitions in dvc.yaml's layout.</summary>
    public string DefinitionYaml()
    {
        var yaml = new StringBuilder("stages:\n");
        foreach (var stage in _stages)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  {stage.Name}:\n    cmd: {stage.Command}\n    deps:\n");
            foreach (var dep in stage.Deps) yaml.Append(CultureInfo.InvariantCulture, $"    - {dep}\n");
            yaml.Append("    outs:\n");
            foreach (var output in stage.Outs) yaml.Append(CultureInfo.InvariantCulture, $"    - {output}\n");
        }
        return yaml.ToString();
    }

    /// <summary><c>dvc repro</c>: runs, in order, exactly the stages that are not up to date.</summary>
    public PipelineRun Reproduce(DataRepository repository)
    {
        File.WriteAllText(repository.PathOf(DefinitionFile), DefinitionYaml());
        var locks = ReadLock(repository);
        var ran = new List<string>();
        var skipped = new List<string>();
        foreach (var stage in _stages)
        {
            locks.TryGetValue(stage.Name, out var recorded);
            if (_bug != PipelineBug.RerunUnchangedStages && IsUpToDate(stage, recorded, repository))
            {
                skipped.Add(stage.Name);
                continue;
            }
            foreach (var dep in stage.Deps)
                if (!File.Exists(repository.PathOf(dep))) throw new FileNotFoundException($"Stage '{stage.Name}' needs {dep}, which does not exist.", repository.PathOf(dep));
            foreach (var output in stage.Outs)
            {
                var full = repository.PathOf(output);
                if (File.Exists(full)) File.Delete(full); // DVC removes a stage's outputs before running it
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            }
            stage.Run(repository.Workspace);
            var outs = new List<LockedFile>();
            foreach (var output in stage.Outs)
            {
                var full = repository.PathOf(output);
                if (!File.Exists(full)) throw new InvalidOperationException($"Stage '{stage.Name}' did not write its output {output}.");
                outs.Add(new LockedFile(output, repository.Cache.Store(full), new FileInfo(full).Length));
            }
            locks[stage.Name] = new StageLock(stage.Command, [.. stage.Deps.Select(d => Describe(repository, d))], outs);
            WriteLock(repository, locks);
            ran.Add(stage.Name);
        }
        WriteLock(repository, locks);
        return new PipelineRun(ran, skipped);
    }

    /// <summary>Whether a stage can be skipped: dvc.lock has an entry for it with the same command, the same
    /// dependencies with the same md5s as the files have now, and every output present with its recorded md5.</summary>
    internal bool IsUpToDate(PipelineStage stage, StageLock? recorded, DataRepository repository)
    {
        if (recorded is null) return false;
        if (_bug == PipelineBug.CompareDependencyPathsOnly)
            return recorded.Command == stage.Command && recorded.Deps.Select(d => d.Path).SequenceEqual(stage.Deps, StringComparer.Ordinal);
        #region Exercise 3.2-1b: decide whether a stage's last run (dvc.lock) still holds for its inputs and outputs now (tests: PipelineTests, ModelServingExperimentTests)
        if (recorded.Command != stage.Command) return false;
        if (!recorded.Deps.Select(d => d.Path).SequenceEqual(stage.Deps, StringComparer.Ordinal)) return false;
        if (!recorded.Outs.Select(o => o.Path).SequenceEqual(stage.Outs, StringComparer.Ordinal)) return false;
        foreach (var file in recorded.Deps.Concat(recorded.Outs))
        {
            var full = repository.PathOf(file.Path);
            if (!File.Exists(full) || new FileInfo(full).Length != file.Size || ContentCache.HashFile(full) != file.Md5) return false;
        }
        return true;
        #endregion
    }

    /// <summary>dvc.lock's entries by stage name (empty when there is no dvc.lock yet).</summary>
    public static Dictionary<string, StageLock> ReadLock(DataRepository repository)
    {
        var path = repository.PathOf(LockFile);
        var locks = new Dictionary<string, StageLock>(StringComparer.Ordinal);
        if (!File.Exists(path)) return locks;
        var stream = new YamlStream();
        using (var reader = new StreamReader(path)) stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var stages = (YamlMappingNode)root.Children[new YamlScalarNode("stages")];
        foreach (var (key, value) in stages.Children)
        {
            var stage = (YamlMappingNode)value;
            locks[((YamlScalarNode)key).Value!] = new StageLock(Scalar(stage, "cmd"), Files(stage, "deps"), Files(stage, "outs"));
        }
        return locks;
    }

    private static LockedFile Describe(DataRepository repository, string relativePath)
    {
        var full = repository.PathOf(relativePath);
        return new LockedFile(relativePath, ContentCache.HashFile(full), new FileInfo(full).Length);
    }

    private static void WriteLock(DataRepository repository, Dictionary<string, StageLock> locks)
    {
        var yaml = new StringBuilder("schema: '2.0'\nstages:\n");
        foreach (var stage in StagesInOrder(locks))
        {
            var entry = locks[stage];
            yaml.Append(CultureInfo.InvariantCulture, $"  {stage}:\n    cmd: {entry.Command}\n");
            foreach (var (section, files) in new[] { ("deps", entry.Deps), ("outs", entry.Outs) })
            {
                yaml.Append(CultureInfo.InvariantCulture, $"    {section}:\n");
                foreach (var file in files)
                    yaml.Append(CultureInfo.InvariantCulture, $"    - path: {file.Path}\n      hash: md5\n      md5: {file.Md5}\n      size: {file.Size}\n");
            }
        }
        var path = repository.PathOf(LockFile);
        File.WriteAllText(path + ".tmp", yaml.ToString());
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static IEnumerable<string> StagesInOrder(Dictionary<string, StageLock> locks) => locks.Keys.Order(StringComparer.Ordinal);

    private static string Scalar(YamlMappingNode node, string name) => ((YamlScalarNode)node.Children[new YamlScalarNode(name)]).Value ?? "";

    private static IReadOnlyList<LockedFile> Files(YamlMappingNode stage, string section) =>
        stage.Children.TryGetValue(new YamlScalarNode(section), out var files) && files is YamlSequenceNode list
            ? [.. list.Children.Cast<YamlMappingNode>().Select(f => new LockedFile(Scalar(f, "path"), Scalar(f, "md5"),
                long.Parse(Scalar(f, "size"), CultureInfo.InvariantCulture)))]
            : [];
}
