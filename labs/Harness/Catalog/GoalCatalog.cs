using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace StatelessMind.Harness;

/// <summary>One curriculum section: a lab folder and its C# project name.</summary>
public sealed record SectionEntry
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public string Folder { get; init; } = "";
    public string Project { get; init; } = "";
}

/// <summary>One measured goal of labs/goals.yaml.</summary>
public sealed record GoalEntry
{
    public string Id { get; init; } = "";
    public string Section { get; init; } = "";
    public string Statement { get; init; } = "";
    public string[] Technologies { get; init; } = [];
    public string[] Means { get; init; } = [];

    /// <summary>Set while a goal's lab folder exists but this goal belongs to a later piece of work: says which.</summary>
    public string? Pending { get; init; }
}

/// <summary>labs/goals.yaml: the sections and the 72 measured goals, in curriculum order.</summary>
public sealed class GoalCatalog
{
    private sealed class Document
    {
        public List<SectionEntry> Sections { get; set; } = [];
        public List<GoalEntry> Goals { get; set; } = [];
    }

    private GoalCatalog(IReadOnlyList<SectionEntry> sections, IReadOnlyList<GoalEntry> goals)
    {
        Sections = sections;
        Goals = goals;
    }

    public IReadOnlyList<SectionEntry> Sections { get; }
    public IReadOnlyList<GoalEntry> Goals { get; }

    public GoalEntry? Find(string id) => Goals.FirstOrDefault(g => g.Id == id);
    public SectionEntry SectionOf(GoalEntry goal) => Sections.First(s => s.Id == goal.Section);

    public static GoalCatalog Load(RepositoryLayout layout) => Load(layout.GoalsFile);

    public static GoalCatalog Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The goal catalog is missing: {path}", path);
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .Build();
        Document doc;
        try
        {
            doc = deserializer.Deserialize<Document>(File.ReadAllText(path)) ?? new Document();
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException($"{path}:{e.Start.Line}:{e.Start.Column}: {e.Message}", e);
        }
        foreach (var goal in doc.Goals)
        {
            if (!GoalId.IsWellFormed(goal.Id))
                throw new FormatException($"{path}: goal id '{goal.Id}' is not of the form <section>-<n>.");
            if (GoalId.SectionOf(goal.Id) != goal.Section)
                throw new FormatException($"{path}: goal {goal.Id} says section '{goal.Section}'.");
            if (doc.Sections.All(s => s.Id != goal.Section))
                throw new FormatException($"{path}: goal {goal.Id} names section '{goal.Section}', which is not listed under sections.");
        }
        return new GoalCatalog(doc.Sections, doc.Goals.OrderBy(g => g.Id, GoalId.Comparer).ToList());
    }
}
