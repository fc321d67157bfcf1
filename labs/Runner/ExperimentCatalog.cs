using System.Reflection;
using StatelessMind.Harness;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Runner;

/// <summary>The experiments found in the built lab assemblies, by goal id.</summary>
public sealed class ExperimentCatalog
{
    private readonly Dictionary<string, Type> _byGoal;

    private ExperimentCatalog(Dictionary<string, Type> byGoal, IReadOnlyList<CatalogProblem> problems, IReadOnlyDictionary<string, string> labAssemblies)
    {
        _byGoal = byGoal;
        Problems = problems;
        LabAssemblies = labAssemblies;
    }

    /// <summary>Things that stopped an experiment from being found (a lab not built or not loadable, two experiments for one goal …).</summary>
    public IReadOnlyList<CatalogProblem> Problems { get; }

    /// <summary>Section id → the lab assembly that was loaded.</summary>
    public IReadOnlyDictionary<string, string> LabAssemblies { get; }

    public IReadOnlyCollection<string> GoalIds => _byGoal.Keys;

    public bool IsBuilt(string goalId) => _byGoal.ContainsKey(goalId);

    /// <summary>The problems of one lab (by section id).</summary>
    public IReadOnlyList<CatalogProblem> ProblemsOf(string section) => Problems.Where(p => p.Section == section).ToList();

    public IExperiment Create(string goalId) => (IExperiment)Activator.CreateInstance(_byGoal[goalId])!;

    /// <summary>Loads every lab of the catalog whose project exists and is built, and collects its experiments.</summary>
    public static ExperimentCatalog Discover(RepositoryLayout layout, GoalCatalog goals)
    {
        var byGoal = new Dictionary<string, Type>();
        var problems = new List<CatalogProblem>();
        var loaded = new Dictionary<string, string>();
        foreach (var section in goals.Sections)
        {
            var src = Path.Combine(layout.Root, section.Folder, "src");
            if (!Directory.Exists(src)) continue;
            var assemblyName = $"StatelessMind.Labs.{section.Project}";
            var dll = FindBuiltAssembly(src, assemblyName);
            if (dll is null)
            {
                problems.Add(new CatalogProblem(section.Id, $"{section.Id}: {assemblyName}.dll is not built (run `make build`)."));
                continue;
            }
            loaded[section.Id] = dll;
            if (DepsFileProblem(Path.ChangeExtension(dll, ".deps.json")) is { } depsProblem)
            {
                problems.Add(new CatalogProblem(section.Id, $"{section.Id}: {dll} could not be loaded: {depsProblem} (rebuild it: `make build`)."));
                continue;
            }
            Type[] types;
            try
            {
                types = new LabLoadContext(dll).LoadFromAssemblyPath(dll).GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                problems.Add(new CatalogProblem(section.Id, $"{section.Id}: {dll} could not be loaded: {e.LoaderExceptions.FirstOrDefault()?.Message}"));
                continue;
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or InvalidOperationException)
            {
                problems.Add(new CatalogProblem(section.Id, $"{section.Id}: {dll} could not be loaded: {e.Message}"));
                continue;
            }
            Collect(section.Id, types, goals, byGoal, problems);
        }
        return new ExperimentCatalog(byGoal, problems, loaded);
    }

    /// <summary>A catalog of the given experiment types (tests run the runner on experiments of their own).</summary>
    public static ExperimentCatalog Of(GoalCatalog goals, params Type[] experimentTypes)
    {
        var byGoal = new Dictionary<string, Type>();
        var problems = new List<CatalogProblem>();
        Collect("", experimentTypes, goals, byGoal, problems);
        return new ExperimentCatalog(byGoal, problems, new Dictionary<string, string>());
    }

    private static void Collect(string section, IEnumerable<Type> types, GoalCatalog goals, Dictionary<string, Type> byGoal, List<CatalogProblem> problems)
    {
        foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true }
                                              && typeof(IExperiment).IsAssignableFrom(t)
                                              && t.GetConstructor(Type.EmptyTypes) is not null))
        {
            string goalId;
            try
            {
                goalId = ((IExperiment)Activator.CreateInstance(type)!).GoalId;
            }
            catch (TargetInvocationException e)
            {
                problems.Add(new CatalogProblem(section, $"{section}: {type.FullName} could not be created: {e.InnerException?.Message}"));
                continue;
            }
            var owner = goals.Find(goalId);
            if (owner is null)
                problems.Add(new CatalogProblem(section, $"{section}: {type.FullName} names goal '{goalId}', which goals.yaml does not list."));
            else if (!byGoal.TryAdd(goalId, type))
                problems.Add(new CatalogProblem(owner.Section, $"{goalId}: two experiments claim it ({byGoal[goalId].FullName}, {type.FullName})."));
        }
    }

    /// <summary>Why a lab's deps.json cannot be used, or null. The runtime's resolver aborts the whole process on a
    /// deps.json without its targets, so it is checked before the resolver sees it.</summary>
    private static string? DepsFileProblem(string depsJson)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(depsJson));
            var root = doc.RootElement;
            return root.ValueKind == System.Text.Json.JsonValueKind.Object
                   && root.TryGetProperty("runtimeTarget", out var target) && target.TryGetProperty("name", out var name)
                   && name.GetString() is { } framework
                   && root.TryGetProperty("targets", out var targets) && targets.TryGetProperty(framework, out _)
                ? null
                : $"{depsJson} names no runtime target";
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException or InvalidOperationException)
        {
            return $"{depsJson} cannot be read: {e.Message}";
        }
    }

    private static string? FindBuiltAssembly(string srcDirectory, string assemblyName)
    {
        var bin = Path.Combine(srcDirectory, "bin");
        if (!Directory.Exists(bin)) return null;
        // The runner prefers a build of its own configuration, then the newest.
        var own = typeof(ExperimentCatalog).Assembly.Location.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return Directory.EnumerateFiles(bin, assemblyName + ".dll", SearchOption.AllDirectories)
            .Where(p => File.Exists(Path.ChangeExtension(p, ".deps.json")))
            .OrderByDescending(p => p.Contains($"{Path.DirectorySeparatorChar}{own}{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ThenByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
    }
}
