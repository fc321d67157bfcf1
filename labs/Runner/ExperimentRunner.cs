using System.Diagnostics;
using Spectre.Console;
using StatelessMind.Harness;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Reporting;
using StatelessMind.Harness.Services;

namespace StatelessMind.Runner;

/// <summary>
/// Runs the chosen experiments one after another on shared services, writes their reports and the index, and says
/// by its exit code (<see cref="RunExitCode"/>) whether every selected built goal was measured and held.
/// </summary>
public sealed class ExperimentRunner(RepositoryLayout layout, GoalCatalog goals, ExperimentCatalog experiments, string reportsDirectory)
{
    public async Task<int> RunAsync(IReadOnlyList<string> targets, Scale scale, int seed, CancellationToken cancellationToken)
    {
        var selected = Select(targets);
        var selectedSections = selected.Select(GoalId.SectionOf).ToHashSet();
        var console = AnsiConsole.Console;
        var toRun = selected.Where(experiments.IsBuilt).ToList();
        var notLoaded = experiments.Problems.Where(p => selectedSections.Contains(p.Section)).ToList();
        foreach (var id in selected.Where(id => !experiments.IsBuilt(id) && StatusOf(goals.Find(id)!) != GoalStatus.LabNotLoaded))
            console.MarkupLine($"[grey]{id}: not built yet — listed in the index as such[/]");
        foreach (var problem in notLoaded) console.MarkupLine($"[red]{Markup.Escape(problem.Message)}[/]");

        var run = await RunProvenance.CaptureAsync(layout.Root, scale, seed, cancellationToken);
        var findings = new Dictionary<string, Finding>();
        var threw = new Dictionary<string, string>();
        await using (var services = new ExperimentServices())
        {
            var interactive = console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
            if (interactive)
            {
                await console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                    .StartAsync(async ctx =>
                    {
                        var tasks = toRun.ToDictionary(id => id, id => ctx.AddTask(Markup.Escape(id), autoStart: false, maxValue: 1));
                        foreach (var id in toRun)
                        {
                            var task = tasks[id];
                            task.StartTask();
                            var progress = new Progress<ExperimentProgress>(p =>
                            {
                                task.Value = p.Fraction;
                                task.Description = Markup.Escape($"{id} {Truncate(p.Message, 50)}");
                            });
                            findings[id] = await RunOneAsync(id, run, services, progress, threw, cancellationToken);
                            task.Value = 1;
                            task.Description = Markup.Escape($"{id} {findings[id].Verdict.ToString().ToUpperInvariant()}");
                            task.StopTask();
                        }
                    });
            }
            else
            {
                foreach (var id in toRun)
                {
                    Console.WriteLine($"[{id}] starting");
                    var last = -1;
                    var progress = new SynchronousProgress(p =>
                    {
                        var step = (int)(p.Fraction * 10);
                        if (step == last) return;
                        last = step;
                        Console.WriteLine($"[{id}] {p.Fraction:P0} {p.Message}");
                    });
                    findings[id] = await RunOneAsync(id, run, services, progress, threw, cancellationToken);
                    Console.WriteLine($"[{id}] {findings[id].Verdict.ToString().ToUpperInvariant()} in {findings[id].Duration.TotalSeconds:0.#} s — {findings[id].Summary}");
                }
            }
        }

        var rows = BuildRows(findings, threw);
        await ReportIndex.WriteAsync(reportsDirectory, rows, run, cancellationToken);
        PrintSummary(rows, findings, notLoaded);
        return ExitCodeOf(findings.Values, threw.Keys, notLoaded.Count > 0);
    }

    /// <summary>The exit code for a run's outcome; see <see cref="RunExitCode"/> for the order of precedence.</summary>
    /// <param name="findings">This run's findings.</param>
    /// <param name="threw">The goals whose experiment threw (their findings are Fail, but no check failed).</param>
    /// <param name="aLabDidNotLoad">A selected lab is not built or does not load.</param>
    public static int ExitCodeOf(IEnumerable<Finding> findings, IReadOnlyCollection<string> threw, bool aLabDidNotLoad)
    {
        var all = findings.ToList();
        if (all.Any(f => f.Verdict == Verdict.Fail && !threw.Contains(f.GoalId))) return RunExitCode.CheckFailed;
        if (threw.Count > 0) return RunExitCode.ExperimentThrew;
        if (aLabDidNotLoad) return RunExitCode.LabNotLoaded;
        if (all.Any(f => f.Verdict == Verdict.Inconclusive)) return RunExitCode.NotMeasured;
        return RunExitCode.Success;
    }

    private async Task<Finding> RunOneAsync(string id, RunProvenance run, ExperimentServices services,
        IProgress<ExperimentProgress> progress, Dictionary<string, string> threw, CancellationToken cancellationToken)
    {
        var outputDirectory = new DirectoryInfo(Path.Combine(reportsDirectory, id));
        if (outputDirectory.Exists) outputDirectory.Delete(recursive: true);
        var context = new ExperimentContext(run.Scale, services, outputDirectory, progress, run.Seed);
        var experiment = experiments.Create(id);
        var start = Stopwatch.GetTimestamp();
        Finding finding;
        try
        {
            finding = await experiment.RunAsync(context, cancellationToken);
        }
        catch (ServiceUnavailableException e)
        {
            finding = new Finding
            {
                GoalId = id,
                Title = experiment.Title,
                Verdict = Verdict.Inconclusive,
                Summary = $"Not measured: a service or tool it needs is missing. {e.Message}",
                Notes = [e.ToString()],
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            threw[id] = $"{e.GetType().Name}: {e.Message}";
            finding = new Finding
            {
                GoalId = id,
                Title = experiment.Title,
                Verdict = Verdict.Fail,
                Summary = $"The experiment stopped with {e.GetType().Name} before its checks could run: {e.Message}",
                Notes = [e.ToString()],
            };
        }
        finding = finding with { Scale = run.Scale, Duration = Stopwatch.GetElapsedTime(start), Run = run };
        await FindingReport.WriteAsync(finding, outputDirectory, goals.Find(id)?.Statement, cancellationToken);
        return finding;
    }

    /// <summary>Goal ids or section ids → goal ids, in curriculum order; none means every goal.</summary>
    public IReadOnlyList<string> Select(IReadOnlyList<string> targets)
    {
        if (targets.Count == 0) return goals.Goals.Select(g => g.Id).ToList();
        var result = new List<string>();
        foreach (var t in targets)
        {
            var matches = goals.Goals.Where(g => g.Id == t || g.Section == t).Select(g => g.Id).ToList();
            if (matches.Count == 0)
                throw new ArgumentException($"'{t}' is neither a goal id (like 1.4-2) nor a section (like 1.4) of labs/goals.yaml.");
            result.AddRange(matches);
        }
        return result.Distinct().OrderBy(x => x, GoalId.Comparer).ToList();
    }

    public GoalStatus StatusOf(GoalEntry goal) =>
        experiments.IsBuilt(goal.Id) ? GoalStatus.Built
        : experiments.ProblemsOf(goal.Section).Count > 0 && goal.Pending is null ? GoalStatus.LabNotLoaded
        : Directory.Exists(Path.Combine(layout.Root, goals.SectionOf(goal).Folder)) ? GoalStatus.Pending
        : GoalStatus.NotBuilt;

    /// <summary>Every goal: this run's finding, else one an earlier run left in the reports folder (marked with its date), else none.</summary>
    private List<GoalRow> BuildRows(IReadOnlyDictionary<string, Finding> findings, IReadOnlyDictionary<string, string> threw) =>
        goals.Goals.Select(g =>
        {
            var status = StatusOf(g);
            var section = goals.SectionOf(g);
            var problem = threw.TryGetValue(g.Id, out var exception) ? $"the experiment threw {exception}"
                : status == GoalStatus.LabNotLoaded ? string.Join(" ", experiments.ProblemsOf(g.Section).Select(p => p.Message))
                : null;
            if (findings.TryGetValue(g.Id, out var now)) return new GoalRow(g, section, status, now, true, now.Run?.StartedAt, problem);
            var earlier = Path.Combine(reportsDirectory, g.Id, FindingReport.JsonFileName);
            // A lab that is being rebuilt may not load right now; its last measurement is shown, with its date.
            if (status == GoalStatus.NotBuilt || !File.Exists(earlier)) return new GoalRow(g, section, status, null, false, null, problem);
            var previous = FindingReport.Read(earlier);
            var measuredAt = previous.Run?.StartedAt ?? new DateTimeOffset(File.GetLastWriteTimeUtc(earlier), TimeSpan.Zero);
            return new GoalRow(g, section, status, previous, false, measuredAt, problem);
        }).ToList();

    private void PrintSummary(IReadOnlyList<GoalRow> rows, IReadOnlyDictionary<string, Finding> findings, IReadOnlyList<CatalogProblem> notLoaded)
    {
        var table = new Table().AddColumns("goal", "verdict", "key figures");
        foreach (var (id, f) in findings.OrderBy(kv => kv.Key, GoalId.Comparer))
        {
            var color = f.Verdict switch { Verdict.Pass => "green", Verdict.Fail => "red", _ => "yellow" };
            var excused = f.Excused.Count > 0 ? " (optional part not run)" : "";
            table.AddRow(Markup.Escape(id), $"[{color}]{f.Verdict.ToString().ToUpperInvariant()}[/]{Markup.Escape(excused)}",
                Markup.Escape(string.Join("; ", f.Figures.Where(x => x.IsKey).Select(x => $"{x.Name}: {x.Formatted}"))));
        }
        if (findings.Count > 0) AnsiConsole.Write(table);
        var notBuilt = rows.Count(r => r.Status is GoalStatus.NotBuilt or GoalStatus.Pending);
        AnsiConsole.MarkupLine($"ran {findings.Count} experiment(s): {findings.Values.Count(f => f.Verdict == Verdict.Pass)} passed, " +
                               $"{findings.Values.Count(f => f.Verdict == Verdict.Fail)} failed, {findings.Values.Count(f => f.Verdict == Verdict.Inconclusive)} not measured; " +
                               $"{notLoaded.Count} lab problem(s); {notBuilt} of {rows.Count} goals not built yet. " +
                               $"Index: {Markup.Escape(Path.Combine(reportsDirectory, ReportIndex.IndexFileName))}");
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    /// <summary>Reports progress on the calling thread (plain console output stays in order).</summary>
    private sealed class SynchronousProgress(Action<ExperimentProgress> report) : IProgress<ExperimentProgress>
    {
        private readonly Lock _gate = new();

        public void Report(ExperimentProgress value)
        {
            lock (_gate) report(value);
        }
    }
}
