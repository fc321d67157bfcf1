using StatelessMind.Harness;

namespace StatelessMind.Runner.Exercises;

/// <summary>Groups test results by goal and by task: a task's tests are those its regions name, or its goal's when they name none.</summary>
public static class ProgressReport
{
    public static IReadOnlyList<GoalProgress> Compute(IReadOnlyList<ExerciseTask> tasks, IReadOnlyDictionary<string, IReadOnlyList<TestCaseResult>> resultsByGoal,
        GoalCatalog catalog)
    {
        var all = resultsByGoal.Values.SelectMany(r => r).DistinctBy(r => r.Name).ToList();
        var goals = new List<GoalProgress>();
        foreach (var goal in tasks.Select(t => t.Goal).Concat(resultsByGoal.Keys).Distinct().Order(GoalId.Comparer))
        {
            var goalTests = resultsByGoal.GetValueOrDefault(goal) ?? [];
            var goalTasks = tasks.Where(t => t.Goal == goal).GroupBy(t => t.Id).OrderBy(g => g.Key, ExerciseTaskId.Comparer)
                .Select(group => ForTask(group.Key, group.ToList(), goalTests, all))
                .ToList();
            goals.Add(new GoalProgress(goal, catalog.Find(goal)?.Statement ?? "", goalTests, goalTasks));
        }
        return goals;
    }

    public static TaskProgress ForTask(string taskId, IReadOnlyList<ExerciseTask> regions, IReadOnlyList<TestCaseResult> goalTests, IReadOnlyList<TestCaseResult> labTests)
    {
        var task = string.Join(" / ", regions.Select(r => r.Task).Distinct());
        if (regions.Any(r => r.Tests.Count == 0))
            return new TaskProgress(taskId, task, regions, goalTests, Named: false, []);
        var names = regions.SelectMany(r => r.Tests).Distinct(StringComparer.Ordinal).ToList();
        var tests = labTests.Where(t => TestNamePattern.MatchesAny(names, t)).ToList();
        var unmatched = names.Where(n => !labTests.Any(t => TestNamePattern.Matches(n, t.Method))).ToList();
        return new TaskProgress(taskId, task, regions, tests, Named: true, unmatched);
    }
}
