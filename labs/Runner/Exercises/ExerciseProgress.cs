using Spectre.Console;
using StatelessMind.Harness;

namespace StatelessMind.Runner.Exercises;

/// <summary>
/// <c>stateless-mind progress [lab]</c>: in a learner's copy (or the repository), builds the lab, runs each exercised
/// goal's tests (<c>--filter Goal=…</c>, the trait CI uses) and prints how many pass per goal and per task.
/// With <paramref name="output"/> it writes plain lines there instead of the console.
/// </summary>
public sealed class ExerciseProgress(RepositoryLayout layout, GoalCatalog catalog, TextWriter? output = null)
{
    private bool Interactive => output is null && ProgressView.Interactive;

    private TextWriter Out => output ?? Console.Out;

    private TextWriter Error => output ?? Console.Error;

    /// <summary>The progress of the last lab run, goal by goal (for callers that assert on it).</summary>
    public IReadOnlyList<GoalProgress> Last { get; private set; } = [];

    public async Task<int> RunAsync(string? lab, bool details, CancellationToken cancellationToken)
    {
        var manifest = ExerciseManifest.Load(layout.Root);
        IReadOnlyList<ExerciseTask> tasks;
        if (manifest is not null)
        {
            if (lab is not null && !manifest.Labs.Contains(lab))
                throw new ExerciseRequestException($"This copy holds the exercises of lab {string.Join(", ", manifest.Labs)}, not {lab}.");
            tasks = manifest.Tasks;
        }
        else
        {
            var scan = await RegionScan.OfRepositoryAsync(layout.Root, cancellationToken);
            tasks = scan.Regions.Select(r => ExerciseTask.From(r, r.StartLine)).ToList();
        }
        var labs = lab is not null ? [lab]
            : tasks.Select(t => GoalId.SectionOf(t.Goal)).Distinct().Order(ExerciseTaskId.SectionComparer).ToList();
        if (labs.Count == 0) throw new ExerciseRequestException("There are no exercise tasks here: generate a copy with `stateless-mind exercise <lab>`.");

        var everything = new List<GoalProgress>();
        var resultsRoot = Path.Combine(Path.GetTempPath(), "stateless-mind-progress", Guid.NewGuid().ToString("N")[..8]);
        try
        {
            foreach (var id in labs)
            {
                var section = catalog.Sections.FirstOrDefault(s => s.Id == id)
                    ?? throw new ExerciseRequestException($"'{id}' is not a section of labs/goals.yaml.");
                var labTasks = tasks.Where(t => GoalId.SectionOf(t.Goal) == id).ToList();
                if (labTasks.Count == 0) throw new ExerciseRequestException($"Lab {id} has no exercise tasks here.");
                var build = new LabBuild(layout.Root, section.Folder);
                var layers = LabBuild.LayersOf(layout.Root, section.Folder, labTasks.Select(t => (t.File, t.Goal)));
                var results = await Activity($"building lab {id}", async () =>
                {
                    if (labTasks.Any(t => t.File.StartsWith("native/", StringComparison.Ordinal)) && build.HasNativeCode)
                    {
                        var native = await build.BuildNativeAsync(warningsAsErrors: false, cancellationToken);
                        if (!native.Succeeded) return Fail(native);
                    }
                    var dotnet = await build.BuildTestsAsync(warningsAsErrors: false, cancellationToken);
                    if (!dotnet.Succeeded) return Fail(dotnet);
                    foreach (var (layer, _) in layers)
                    {
                        var built = await layer.BuildTestsAsync(warningsAsErrors: false, cancellationToken);
                        if (!built.Succeeded) return Fail(built);
                    }
                    return null;
                });
                if (results is not null) return results.Value;

                var goals = labTasks.Select(t => t.Goal).Distinct().Order(GoalId.Comparer).ToList();
                var runs = new List<GoalTestRun>();
                foreach (var (where, whereGoals) in layers.Select(l => (l.Layer, l.Goals)).Prepend((build, goals)))
                {
                    var run = await Activity($"running the tests of {(whereGoals.Count == 1 ? "goal" : "goals")} {string.Join(", ", whereGoals)}{(where == build ? "" : $" in {where.Folder}")}",
                        () => where.TestGoalsAsync(whereGoals, everyTest: false, resultsRoot, $"{id}-{Path.GetFileName(where.Folder)}", TimeSpan.FromMinutes(2), cancellationToken));
                    if (run.Run.Crashed)
                        Error.WriteLine($"The test run in {where.Folder} ended with exit code {run.Run.ExitCode} without a failed test:\n{Tail(run.Run.Output)}");
                    else if (run.NotRun.Count > 0)
                        Error.WriteLine($"The test run in {where.Folder} was cut short: {run.NotRun.Count} tests reported nothing:\n{Tail(run.Run.Output)}");
                    runs.Add(run);
                }
                var byGoal = goals.ToDictionary(g => g, g => (IReadOnlyList<TestCaseResult>)runs.SelectMany(r => r.ByGoal.GetValueOrDefault(g) ?? []).ToList());
                var progress = ProgressReport.Compute(labTasks, byGoal, catalog);
                ProgressView.Write(id, section.Title, progress, details, Interactive ? null : Out);
                everything.AddRange(progress);
            }
        }
        finally
        {
            Harness.Services.HostCommands.DeleteDirectory(resultsRoot);
        }
        Out.WriteLine(ProgressView.TotalLine(everything));
        Last = everything;
        return 0;
    }

    private int? Fail(BuildOutcome outcome)
    {
        Error.WriteLine($"{outcome.Step} failed: fix the build before the tests can run.");
        foreach (var e in outcome.Errors.Take(20)) Error.WriteLine($"  {RepositoryFiles.Relative(layout.Root, e.File)}:{e.Line}: {e.Code}: {e.Message}");
        if (outcome.Errors.Count == 0) Error.WriteLine(outcome.Tail());
        return 1;
    }

    private static string Tail(string output) => string.Join('\n', output.Split('\n').Where(l => l.Trim().Length > 0).TakeLast(10));

    private async Task<T> Activity<T>(string what, Func<Task<T>> work)
    {
        if (!Interactive)
        {
            Out.WriteLine($"{what} …");
            return await work();
        }
        return await AnsiConsole.Status().StartAsync(what + " …", _ => work());
    }
}
