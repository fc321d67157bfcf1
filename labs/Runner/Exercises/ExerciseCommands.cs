using System.CommandLine;
using Spectre.Console;
using StatelessMind.Harness;

namespace StatelessMind.Runner.Exercises;

/// <summary>The learner's commands: <c>exercise</c> (generate a copy), <c>progress</c> (how far it is) and
/// <c>exercise-check</c> (CI: every skeleton builds, its tasks' tests fail, the rest pass).</summary>
public static class ExerciseCommands
{
    public static IEnumerable<Command> Create() => [Exercise(), Progress(), Check()];

    private static Command Exercise()
    {
        var lab = new Argument<string>("lab") { Description = "the lab (section id), e.g. 1.4 or 1.1.3" };
        var goal = new Option<string[]>("--goal") { Description = "only these goals (repeatable); default: every goal of the lab with regions", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--out") { Description = "where to write the copy (default: ../stateless-mind-exercise-<lab>, beside the repository)" };
        var force = new Option<bool>("--force") { Description = "replace an earlier exercise copy in --out" };
        var whole = new Option<bool>("--whole-repository") { Description = "copy the whole repository, not only the lab and what it depends on" };
        var command = new Command("exercise", "write a learner's copy of a lab whose exercise regions are replaced by stubs; the tests stay")
        {
            lab, goal, output, force, whole,
        };
        command.SetAction(async (parse, cancellationToken) => await Guarded(async () =>
        {
            var layout = RepositoryLayout.Locate();
            var generator = new ExerciseGenerator(layout, GoalCatalog.Load(layout));
            var result = await generator.GenerateAsync(new ExerciseRequest(parse.GetValue(lab)!, parse.GetValue(goal) ?? [], parse.GetValue(output),
                parse.GetValue(force), parse.GetValue(whole)), cancellationToken);
            Console.WriteLine($"exercise {string.Join(", ", result.Labs)}: {result.Regions.Select(r => r.TaskId).Distinct().Count()} tasks in {result.Regions.Count} regions " +
                              $"of goals {string.Join(", ", result.Goals)}, stubbed in {result.RewrittenFiles.Count} files; {result.FilesCopied} files copied to");
            Console.WriteLine($"  {result.OutDirectory}");
            Console.WriteLine("next:");
            Console.WriteLine($"  cd {result.OutDirectory}");
            Console.WriteLine($"  make progress LAB={result.Labs[0]}     # or: dotnet run --project labs/Runner -- progress {result.Labs[0]}");
            Console.WriteLine($"  less {ExerciseGenerator.GuideFileName}            # the tasks, where they are and which tests check them");
            return 0;
        }));
        return command;
    }

    private static Command Progress()
    {
        var lab = new Argument<string?>("lab") { Description = "the lab (default: the copy's lab, or every lab with regions)", Arity = ArgumentArity.ZeroOrOne };
        var details = new Option<bool>("--details") { Description = "list each failing test with the first line of its message" };
        var command = new Command("progress", "run the exercised goals' tests and show how many pass, per goal and per task") { lab, details };
        command.SetAction(async (parse, cancellationToken) => await Guarded(() =>
        {
            var layout = RepositoryLayout.Locate();
            return new ExerciseProgress(layout, GoalCatalog.Load(layout)).RunAsync(parse.GetValue(lab), parse.GetValue(details), cancellationToken);
        }));
        return command;
    }

    private static Command Check()
    {
        var labs = new Argument<string[]>("labs") { Description = "labs to check (default: every lab with exercise regions)", Arity = ArgumentArity.ZeroOrMore };
        var goal = new Option<string[]>("--goal") { Description = "check a skeleton of only these goals: the lab's other goals' tests must then pass", AllowMultipleArgumentsPerToken = true };
        var work = new Option<string?>("--work") { Description = "folder for the skeletons (default: $TMPDIR/stateless-mind-exercise-check)" };
        var keep = new Option<bool>("--keep") { Description = "keep the skeletons after the check" };
        var hooks = new Option<string?>("--hooks") { Description = "file listing the test-hook names no region may hold (default: the built-in list)" };
        var trx = new Option<string?>("--trx") { Description = "also write the outcome as a TRX file (make test counts it)" };
        var command = new Command("exercise-check", "for each lab: generate its skeleton, build it with warnings as errors, compare its public API, " +
                                                   "and check that every task's tests fail on it while the other tests pass")
        {
            labs, goal, work, keep, hooks, trx,
        };
        command.SetAction(async (parse, cancellationToken) => await Guarded(async () =>
        {
            var layout = RepositoryLayout.Locate();
            var options = new ExerciseCheckOptions(parse.GetValue(labs) ?? [], parse.GetValue(goal) ?? [],
                parse.GetValue(work) ?? Path.Combine(Path.GetTempPath(), "stateless-mind-exercise-check"),
                parse.GetValue(hooks) is { } file ? TestHooks.Load(file) : TestHooks.Default, parse.GetValue(keep));
            var results = await new ExerciseCheck(layout, GoalCatalog.Load(layout), Console.Out).RunAsync(options, cancellationToken);
            if (parse.GetValue(trx) is { } trxPath) CheckTrxWriter.Write(trxPath, results);
            return results.All(r => r.Passed) ? 0 : 1;
        }));
        return command;
    }

    private static async Task<int> Guarded(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is ExerciseRequestException or RegionMarkupException or FormatException)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 2;
        }
    }
}
