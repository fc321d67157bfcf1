using System.Text.RegularExpressions;
using StatelessMind.Runner;

namespace StatelessMind.Tests;

/// <summary>
/// The catalog is the contract between the curriculum and the repository: 72 goals over 22 sections,
/// and every lab that exists carries, for each of its goals, a [Goal] test and an experiment.
/// </summary>
public sealed partial class CatalogTests
{
    private static readonly RepositoryLayout Layout = RepositoryLayout.Locate();
    private static readonly GoalCatalog Goals = GoalCatalog.Load(Layout);

    [GeneratedRegex("""\[Goal\("(?<id>[0-9.]+-[0-9]+)"\)\]""")]
    private static partial Regex GoalAttributeUse();

    [Fact]
    public void Catalog_has_72_unique_goals_over_22_sections()
    {
        Assert.Equal(22, Goals.Sections.Count);
        Assert.Equal(22, Goals.Sections.Select(s => s.Id).Distinct().Count());
        Assert.Equal(72, Goals.Goals.Count);
        Assert.Equal(72, Goals.Goals.Select(g => g.Id).Distinct().Count());
        foreach (var section in Goals.Sections)
        {
            var numbers = Goals.Goals.Where(g => g.Section == section.Id).Select(g => GoalId.NumberOf(g.Id)).Order().ToList();
            Assert.True(numbers.Count > 0, $"section {section.Id} has no goals");
            Assert.Equal(Enumerable.Range(1, numbers.Count), numbers); // 1..n without gaps
            Assert.Equal($"labs/{section.Id}", section.Folder);
            Assert.Matches("^[A-Z][A-Za-z]+$", section.Project);
        }
    }

    [Fact]
    public void Every_goal_has_a_statement_technologies_and_means()
    {
        foreach (var g in Goals.Goals)
        {
            Assert.False(string.IsNullOrWhiteSpace(g.Statement), $"{g.Id} has no statement");
            Assert.NotEmpty(g.Technologies);
            Assert.NotEmpty(g.Means);
        }
    }

    [Fact]
    public void Every_existing_lab_has_a_readme_a_solution_and_its_projects()
    {
        foreach (var section in ExistingLabs())
        {
            var dir = Path.Combine(Layout.Root, section.Folder);
            Assert.True(File.Exists(Path.Combine(dir, "README.md")), $"{section.Folder}/README.md is missing");
            Assert.True(File.Exists(Path.Combine(dir, "lab.sln")), $"{section.Folder}/lab.sln is missing");
            Assert.True(File.Exists(Path.Combine(dir, "src", $"{section.Project}.csproj")), $"{section.Folder}/src/{section.Project}.csproj is missing");
            Assert.True(File.Exists(Path.Combine(dir, "tests", $"{section.Project}.Tests.csproj")), $"{section.Folder}/tests/{section.Project}.Tests.csproj is missing");
        }
    }

    [Fact]
    public void Every_goal_of_an_existing_lab_has_a_goal_test_unless_pending()
    {
        var tested = TestedGoals();
        var missing = ExistingLabGoals().Where(g => g.Pending is null && !tested.Contains(g.Id)).Select(g => g.Id).ToList();
        Assert.True(missing.Count == 0, $"goals without a [Goal(\"…\")] test: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_goal_of_an_existing_lab_has_an_experiment_unless_pending()
    {
        var experiments = ExperimentCatalog.Discover(Layout, Goals);
        Assert.True(experiments.Problems.Count == 0, string.Join(Environment.NewLine, experiments.Problems));
        var missing = ExistingLabGoals().Where(g => g.Pending is null && !experiments.IsBuilt(g.Id)).Select(g => g.Id).ToList();
        Assert.True(missing.Count == 0, $"goals without an experiment: {string.Join(", ", missing)}");
        // A pending mark must not outlive the work it waits for.
        var stale = Goals.Goals.Where(g => g.Pending is not null && experiments.IsBuilt(g.Id)).Select(g => g.Id).ToList();
        Assert.True(stale.Count == 0, $"goals marked pending that have an experiment (remove the mark): {string.Join(", ", stale)}");
    }

    [Fact]
    public void Goal_tests_name_only_goals_of_the_catalog()
    {
        var unknown = TestedGoals().Where(id => Goals.Find(id) is null).ToList();
        Assert.True(unknown.Count == 0, $"[Goal] ids not in goals.yaml: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void The_readme_lab_index_tells_each_labs_status_truthfully()
    {
        var readme = File.ReadAllText(Path.Combine(Layout.Root, "README.md"));
        var block = readme[readme.IndexOf("<!-- lab-index -->", StringComparison.Ordinal)..readme.IndexOf("<!-- /lab-index -->", StringComparison.Ordinal)];
        foreach (var section in Goals.Sections)
        {
            var row = block.Split('\n').SingleOrDefault(l => l.StartsWith($"| {section.Id} ", StringComparison.Ordinal));
            Assert.True(row is not null, $"README's lab index has no row for {section.Id}");
            var stated = row!.TrimEnd().TrimEnd('|').Split('|').Last().Trim();
            var goals = Goals.Goals.Where(g => g.Section == section.Id).ToList();
            var expected = !Directory.Exists(Path.Combine(Layout.Root, section.Folder)) ? "not started"
                : goals.All(g => g.Pending is null) ? "built"
                : $"partial ({string.Join(", ", goals.Where(g => g.Pending is null).Select(g => g.Id))})";
            Assert.True(expected == stated, $"README says {section.Id} is '{stated}', but it is '{expected}'");
        }
    }

    /// <summary>Built goals that no figures block of their lab's README cites.</summary>
    private static List<string> GoalsWithoutFiguresBlock()
    {
        var experiments = ExperimentCatalog.Discover(Layout, Goals);
        return Goals.Goals.Where(g => experiments.IsBuilt(g.Id)).Where(g =>
        {
            var readme = Path.Combine(Layout.Root, Goals.SectionOf(g).Folder, "README.md");
            return !File.Exists(readme) || !FiguresBlock.CitedGoals(File.ReadAllText(readme)).Contains(g.Id);
        }).Select(g => g.Id).ToList();
    }

    [Fact]
    public void Every_built_goal_has_its_figures_block_in_its_lab_readme()
    {
        var missing = GoalsWithoutFiguresBlock();
        var byLab = missing.GroupBy(GoalId.SectionOf).Select(g => $"labs/{g.Key}/README.md ({string.Join(", ", g)})");
        Assert.True(missing.Count == 0, $"built goals that no `<!-- figures: ... -->` block of their lab README cites: {string.Join("; ", byLab)}");
    }

    private static IEnumerable<SectionEntry> ExistingLabs() =>
        Goals.Sections.Where(s => Directory.Exists(Path.Combine(Layout.Root, s.Folder)));

    private static IEnumerable<GoalEntry> ExistingLabGoals()
    {
        var labs = ExistingLabs().Select(s => s.Id).ToHashSet();
        return Goals.Goals.Where(g => labs.Contains(g.Section));
    }

    /// <summary>Goal ids named by [Goal("…")] in the test sources of the labs and of tests/.</summary>
    private static HashSet<string> TestedGoals()
    {
        var roots = ExistingLabs().Select(s => Path.Combine(Layout.Root, s.Folder, "tests")).Where(Directory.Exists);
        return roots
            .SelectMany(r => Directory.EnumerateFiles(r, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => GoalAttributeUse().Matches(File.ReadAllText(f)).Select(m => m.Groups["id"].Value))
            .ToHashSet();
    }
}
