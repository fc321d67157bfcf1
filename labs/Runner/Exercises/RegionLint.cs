using System.Text.RegularExpressions;
using StatelessMind.Harness;

namespace StatelessMind.Runner.Exercises;

/// <summary>
/// Rules a region must follow beyond its markers (DESIGN.md, "Exercise regions"):
/// its task refines a goal of labs/goals.yaml; it holds no test hook (<see cref="TestHooks"/>); its header names the
/// tests that check it; and each goal has two to six regions.
/// </summary>
public static partial class RegionLint
{
    public const int MinRegionsPerGoal = 2;
    public const int MaxRegionsPerGoal = 6;

    [GeneratedRegex(@"//.*$|/\*.*?\*/")]
    private static partial Regex SlashComment();

    [GeneratedRegex(@"(^|\s)#.*$")]
    private static partial Regex HashComment();

    public static IReadOnlyList<RegionProblem> Check(IReadOnlyList<ExerciseRegion> regions, GoalCatalog catalog, IReadOnlyList<string> hooks)
    {
        var problems = new List<RegionProblem>();
        foreach (var region in regions)
        {
            if (catalog.Find(region.GoalId) is null)
                problems.Add(new RegionProblem(region.File, region.StartLine, $"task {region.TaskId} refines goal {region.GoalId}, which labs/goals.yaml does not list"));
            foreach (var (hook, line) in HooksIn(region, hooks))
                problems.Add(new RegionProblem(region.File, line,
                    $"region {region.TaskId} holds the test hook '{hook}': move it outside the region, or a learner's rewrite drops it silently"));
            if (region.Tests.Count == 0)
                problems.Add(new RegionProblem(region.File, region.StartLine,
                    $"region {region.TaskId} names no tests: end its header with '(tests: <test class or method>, …)'"));
        }
        foreach (var goal in regions.GroupBy(r => r.GoalId))
        {
            var count = goal.Count();
            if (count is < MinRegionsPerGoal or > MaxRegionsPerGoal)
                problems.Add(new RegionProblem(goal.First().File, goal.First().StartLine,
                    $"goal {goal.Key} has {count} region{(count == 1 ? "" : "s")}: a goal has {MinRegionsPerGoal} to {MaxRegionsPerGoal}"));
        }
        return problems;
    }

    /// <summary>Each hook named in the region's code (comments aside), with the line it is on.</summary>
    public static IEnumerable<(string Hook, int Line)> HooksIn(ExerciseRegion region, IReadOnlyList<string> hooks)
    {
        for (var i = 0; i < region.Body.Count; i++)
        {
            var code = region.Language == SourceLanguage.Bash ? HashComment().Replace(region.Body[i], "") : SlashComment().Replace(region.Body[i], "");
            foreach (var hook in hooks)
                if (Regex.IsMatch(code, $@"\b{Regex.Escape(hook)}\b"))
                    yield return (hook, region.HeaderEndLine + 1 + i);
            // Any planted-bug switch by the naming convention, listed or not: a C# enum named <Thing>Bug,
            // or a C macro BT_BUG_…/SM_PLANT_….
            foreach (Match m in ConventionalHook().Matches(code))
                if (!hooks.Contains(m.Groups["name"].Value, StringComparer.Ordinal))
                    yield return (m.Groups["name"].Value, region.HeaderEndLine + 1 + i);
        }
    }

    [GeneratedRegex(@"\b(?<name>[A-Z]\w*Bug)\s*\.\s*[A-Z]\w*|\b(?<name>[A-Z]+_(?:BUG|PLANT)\w*)")]
    private static partial Regex ConventionalHook();
}
