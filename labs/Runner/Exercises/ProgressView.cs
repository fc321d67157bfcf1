using Spectre.Console;

namespace StatelessMind.Runner.Exercises;

/// <summary>
/// Prints progress per goal and per task with a bar: a Spectre table on a terminal, plain lines when the output is
/// redirected (a file, a CI log), and in both cases one closing line with the total.
/// </summary>
public static class ProgressView
{
    public const int BarWidth = 20;

    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>A Spectre table when <paramref name="plain"/> is null (on a terminal), else plain lines to it.</summary>
    public static void Write(string lab, string title, IReadOnlyList<GoalProgress> goals, bool details, TextWriter? plain)
    {
        if (plain is null) WriteTable(lab, title, goals, details);
        else WritePlain(plain, lab, title, goals, details);
    }

    public static string TotalLine(IReadOnlyList<GoalProgress> goals)
    {
        var passed = goals.Sum(g => g.Passed);
        var total = goals.Sum(g => g.Total);
        var tasks = goals.SelectMany(g => g.Tasks).ToList();
        var percent = total == 0 ? 0 : 100 * passed / total;
        return $"progress: {passed} of {total} tests pass ({percent}%); {tasks.Count(t => t.Done)} of {tasks.Count} tasks done";
    }

    /// <summary>A bar of '#' and '-' between brackets, e.g. [#####---------------].</summary>
    public static string PlainBar(int passed, int total)
    {
        var filled = total == 0 ? 0 : (int)Math.Round((double)BarWidth * passed / total);
        return "[" + new string('#', filled) + new string('-', BarWidth - filled) + "]";
    }

    private static string MarkupBar(int passed, int total)
    {
        var filled = total == 0 ? 0 : (int)Math.Round((double)BarWidth * passed / total);
        var colour = total > 0 && passed == total ? "green" : "yellow";
        return $"[{colour}]{new string('█', filled)}[/][grey]{new string('░', BarWidth - filled)}[/]";
    }

    private static void WriteTable(string lab, string title, IReadOnlyList<GoalProgress> goals, bool details)
    {
        var table = new Table().Border(TableBorder.Simple).Title($"lab {Markup.Escape(lab)} {Markup.Escape(title)}")
            .AddColumns("goal / task", "progress", "tests pass", "what");
        foreach (var goal in goals)
        {
            table.AddRow($"[bold]{goal.Goal}[/]", MarkupBar(goal.Passed, goal.Total), $"{goal.Passed}/{goal.Total}", Markup.Escape(Shorten(goal.Statement)));
            foreach (var task in goal.Tasks)
            {
                table.AddRow($"  {task.TaskId}", MarkupBar(task.Passed, task.Total), $"{task.Passed}/{task.Total}{(task.Named ? "" : "*")}",
                    Markup.Escape(Shorten(task.Task)));
                if (details)
                    foreach (var failed in task.Tests.Where(t => !t.Passed))
                        table.AddRow("", "", "[red]fails[/]", Markup.Escape(Shorten($"{failed.Name}: {failed.Message}", 110)));
                foreach (var name in task.UnmatchedNames)
                    table.AddRow("", "", "[red]?[/]", Markup.Escape($"'{name}' names no test of the lab"));
            }
        }
        AnsiConsole.Write(table);
        if (goals.SelectMany(g => g.Tasks).Any(t => !t.Named))
            AnsiConsole.MarkupLine("[grey]* the task's regions name no tests: all of its goal's tests are counted[/]");
    }

    private static void WritePlain(TextWriter output, string lab, string title, IReadOnlyList<GoalProgress> goals, bool details)
    {
        output.WriteLine($"lab {lab} {title}");
        foreach (var goal in goals)
        {
            output.WriteLine($"goal {goal.Goal}  {PlainBar(goal.Passed, goal.Total)} {goal.Passed}/{goal.Total} tests pass  {Shorten(goal.Statement)}");
            foreach (var task in goal.Tasks)
            {
                output.WriteLine($"  task {task.TaskId}  {PlainBar(task.Passed, task.Total)} {task.Passed}/{task.Total} tests pass" +
                                 $"{(task.Named ? "" : " (all of the goal's tests: its regions name none)")}  {Shorten(task.Task)}");
                if (details)
                    foreach (var failed in task.Tests.Where(t => !t.Passed))
                        output.WriteLine($"    fails: {failed.Name}: {failed.Message}");
                foreach (var name in task.UnmatchedNames)
                    output.WriteLine($"    '{name}' names no test of the lab");
            }
        }
    }

    private static string Shorten(string text, int max = 70) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
