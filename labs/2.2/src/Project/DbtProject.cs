namespace StatelessMind.Labs.Transformation.Project;

/// <summary>
/// A dbt project read from disk: dbt_project.yml (name, profile, paths, vars, folder-level model config), the models,
/// macro files, seeds, singular tests, and every schema.yml (sources, column tests, descriptions).
/// </summary>
public sealed class DbtProject
{
    public required string Root { get; init; }
    public required string Name { get; init; }
    public required string ProfileName { get; init; }
    public required IReadOnlyDictionary<string, object?> Vars { get; init; }
    public required IReadOnlyList<ModelFile> Models { get; init; }
    public required IReadOnlyList<(string Path, string Source)> MacroFiles { get; init; }
    public required IReadOnlyList<string> SeedFiles { get; init; }
    public required string? SeedSchema { get; init; }
    public required IReadOnlyList<(string Name, string Path, string Sql)> SingularTests { get; init; }
    public required IReadOnlyList<SourceTable> Sources { get; init; }
    public required IReadOnlyList<DataTestSpec> Tests { get; init; }
    public required IReadOnlyList<ModelDoc> Docs { get; init; }

    /// <summary>The <c>{% docs name %}…{% enddocs %}</c> blocks of the project's .md files, by name.</summary>
    public IReadOnlyDictionary<string, string> DocBlocks { get; init; } = new Dictionary<string, string>();

    public static DbtProject Load(string root)
    {
        root = Path.GetFullPath(root);
        var projectFile = Path.Combine(root, "dbt_project.yml");
        if (!File.Exists(projectFile)) throw new DbtProjectException(projectFile, "not found: a dbt project needs a dbt_project.yml at its root");
        var yml = Yaml.LoadMapping(projectFile);
        var name = yml.Text("name") ?? throw new DbtProjectException(projectFile, "'name' is missing");
        var profile = yml.Text("profile") ?? throw new DbtProjectException(projectFile, "'profile' is missing");
        string[] Paths(string key, string fallback) =>
            yml.TryGetValue(key, out var v) && v is List<object?> l ? l.Select(x => x!.ToString()!).ToArray() : [fallback];

        var modelConfig = yml.Map("models").Map(name);
        var models = new List<ModelFile>();
        var sources = new List<SourceTable>();
        var tests = new List<DataTestSpec>();
        var docs = new List<ModelDoc>();
        foreach (var modelDir in Paths("model-paths", "models").Select(p => Path.Combine(root, p)).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(modelDir, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var folders = Path.GetRelativePath(modelDir, Path.GetDirectoryName(file)!).Split(Path.DirectorySeparatorChar).Where(f => f != ".");
                var config = FolderConfig(modelConfig, folders);
                var modelName = Path.GetFileNameWithoutExtension(file);
                if (models.Any(m => m.Name == modelName)) throw new DbtProjectException(file, $"two models are named '{modelName}'");
                models.Add(new ModelFile(modelName, Path.GetRelativePath(root, file).Replace('\\', '/'), File.ReadAllText(file), config));
            }
            foreach (var file in Directory.EnumerateFiles(modelDir, "*.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                ReadSchemaFile(root, file, sources, tests, docs);
        }
        foreach (var test in tests.Where(t => !t.OnSource))
            if (models.All(m => m.Name != test.Target))
                throw new DbtProjectException(test.File, $"tests are declared for model '{test.Target}', which does not exist");

        var macros = Paths("macro-paths", "macros").Select(p => Path.Combine(root, p)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.sql", SearchOption.AllDirectories)).Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f))).ToList();
        var seeds = Paths("seed-paths", "seeds").Select(p => Path.Combine(root, p)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.csv", SearchOption.AllDirectories)).Order(StringComparer.Ordinal).ToList();
        var singular = Paths("test-paths", "tests").Select(p => Path.Combine(root, p)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.sql", SearchOption.AllDirectories)).Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileNameWithoutExtension(f), Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f))).ToList();

        return new DbtProject
        {
            Root = root, Name = name, ProfileName = profile, Vars = yml.Map("vars"), Models = models, MacroFiles = macros,
            SeedFiles = seeds, SeedSchema = yml.Map("seeds").Map(name).Text("+schema"), SingularTests = singular,
            Sources = sources, Tests = tests, Docs = docs,
            DocBlocks = DocBlock.Read(root, Paths("docs-paths", "models").Concat(Paths("model-paths", "models")).Distinct().Select(p => Path.Combine(root, p))),
        };
    }

    /// <summary>The <c>+key</c> settings on the way from the project to the model's folder; deeper folders override.</summary>
    private static Dictionary<string, object?> FolderConfig(Dictionary<string, object?> level, IEnumerable<string> folders)
    {
        var config = new Dictionary<string, object?>(StringComparer.Ordinal);
        void Take(Dictionary<string, object?> map)
        {
            foreach (var (k, v) in map)
                if (k.StartsWith('+')) config[k[1..]] = v;
        }
        Take(level);
        foreach (var folder in folders)
        {
            level = level.Map(folder);
            Take(level);
        }
        return config;
    }

    private static void ReadSchemaFile(string root, string file, List<SourceTable> sources, List<DataTestSpec> tests, List<ModelDoc> docs)
    {
        var yml = Yaml.LoadMapping(file);
        var rel = Path.GetRelativePath(root, file).Replace('\\', '/');
        foreach (var source in yml.List("sources").OfType<Dictionary<string, object?>>())
        {
            var sourceName = source.Text("name") ?? throw new DbtProjectException(rel, "a source has no name");
            var schema = source.Text("schema") ?? sourceName;
            foreach (var table in source.List("tables").OfType<Dictionary<string, object?>>())
            {
                var tableName = table.Text("name") ?? throw new DbtProjectException(rel, $"a table of source '{sourceName}' has no name");
                sources.Add(new SourceTable(sourceName, tableName, schema, table.Text("identifier") ?? tableName));
                ReadColumns(rel, $"{sourceName}.{tableName}", true, table, tests);
            }
        }
        foreach (var model in yml.List("models").OfType<Dictionary<string, object?>>())
        {
            var modelName = model.Text("name") ?? throw new DbtProjectException(rel, "a model entry has no name");
            ReadColumns(rel, modelName, false, model, tests);
            docs.Add(new ModelDoc(modelName, model.Text("description") ?? "",
                model.List("columns").OfType<Dictionary<string, object?>>().ToDictionary(c => c.Text("name") ?? "", c => c.Text("description") ?? "")));
        }
    }

    private static void ReadColumns(string file, string target, bool onSource, Dictionary<string, object?> entry, List<DataTestSpec> tests)
    {
        foreach (var column in entry.List("columns").OfType<Dictionary<string, object?>>())
        {
            var columnName = column.Text("name") ?? throw new DbtProjectException(file, $"a column of '{target}' has no name");
            foreach (var test in column.List("data_tests").Concat(column.List("tests")))
            {
                switch (test)
                {
                    case string kind:
                        tests.Add(Spec(file, kind, target, onSource, columnName, new Dictionary<string, object?>()));
                        break;
                    case Dictionary<string, object?> d when d.Count == 1:
                    {
                        var (kind, args) = d.First();
                        tests.Add(Spec(file, kind, target, onSource, columnName, args as Dictionary<string, object?> ?? new Dictionary<string, object?>()));
                        break;
                    }
                    default:
                        throw new DbtProjectException(file, $"column '{target}.{columnName}': a test is a name or a one-key mapping");
                }
            }
        }
    }

    private static DataTestSpec Spec(string file, string kind, string target, bool onSource, string column, Dictionary<string, object?> args)
    {
        string[] required = kind switch
        {
            "unique" or "not_null" => [],
            "accepted_values" => ["values"],
            "relationships" => ["to", "field"],
            _ => throw new DbtProjectException(file, $"column '{target}.{column}': unsupported generic test '{kind}' (unique, not_null, accepted_values, relationships)"),
        };
        foreach (var r in required)
            if (!args.ContainsKey(r)) throw new DbtProjectException(file, $"column '{target}.{column}': test '{kind}' needs '{r}'");
        return new DataTestSpec(kind, target, onSource, column, args, file);
    }
}
