using System.Text.RegularExpressions;
using StatelessMind.Harness;

namespace StatelessMind.Runner.Exercises;

/// <summary>
/// A task id refines a goal id with a letter: <c>1.1.3-3b</c> is task b of goal <c>1.1.3-3</c>.
/// A bare goal id (<c>1.4-2</c>) names a task too: the goal's only one, or one not yet split.
/// </summary>
public static partial class ExerciseTaskId
{
    [GeneratedRegex(@"^(?<goal>\d+(\.\d+)*-\d+)(?<task>[a-z])?$")]
    private static partial Regex Shape();

    public static bool IsWellFormed(string? id) => id is not null && Shape().IsMatch(id);

    public static string GoalOf(string taskId)
    {
        var match = Shape().Match(taskId);
        return match.Success ? match.Groups["goal"].Value
            : throw new ArgumentException($"'{taskId}' is not a task id: expected a goal id with an optional letter, e.g. 1.1.3-3b.", nameof(taskId));
    }

    /// <summary>Curriculum order, then the letter (the bare goal id first).</summary>
    public static int Compare(string a, string b)
    {
        var byGoal = GoalId.Compare(GoalOf(a), GoalOf(b));
        return byGoal != 0 ? byGoal : string.CompareOrdinal(a, b);
    }

    public static IComparer<string> Comparer { get; } = Comparer<string>.Create(Compare);

    /// <summary>Orders section ids (1.1.3, 1.4, 4.5) the way the curriculum does.</summary>
    public static IComparer<string> SectionComparer { get; } = Comparer<string>.Create((a, b) => GoalId.Compare(a + "-0", b + "-0"));
}
