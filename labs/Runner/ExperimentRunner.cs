using System.Diagnostics;
using Spectre.Console;
using StatelessMind.Harness;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Reporting;
using StatelessMind.Harness.Services;

namespace StatelessMind.Runner;

/// <summary>Runs the chosen experiments one after another on shared services and writes their reports.</summary>
public sealed class ExperimentRunner(RepositoryLayout layout, GoalCatalog goals, ExperimentCatalog experiments, string reportsDirectory)
{
    public async Task<int> RunAsync(IReadOnlyList<string> targets, Scale scale, int seed, CancellationToken cancellationToken)
    {
        var selected = Select(targets);
        var console = AnsiConsole.Console;
        var toRun = selected.Where(experiments.IsBuilt).ToList();
        foreach (var id in selected.Where(id => !experiments.IsBuilt(id)))
            console.MarkupLine($"[grey]{id}: not built yet — listed in the index as such[/]");
        foreach (var problem in experiments.Problems) console.MarkupLine($"[yellow]{Markup.Escape(problem)}[/]");

        var findings = new Dictionary<string, Finding>();
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
                            findings[id] = await RunOneAsync(id, scale, seed, services, progress, cancellationToken);
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
                    findings[id] = await RunOneAsync(id, scale, seed, services, progress, cancellationToken);
                    Console.WriteLine($"[{id}] {findings[id].Verdict.ToString().ToUpperInvariant()} in {findings[id].Duration.TotalSeconds:0.#} s — {findings[id].Summary}");
                }
            }
        }

        var rows = BuildRows(findings);
        await ReportIndex.WriteAsync(reportsDirectory, rows, cancellationToken);
        PrintSummary(rows, findings);
        return findings.Values.Any(f => f.Verdict == Verdict.Fail) ? 1 : 0;
    }

    private async Task<Finding> RunOneAsync(string id, Scale scale, int seed, ExperimentServices services,
        IProgress<ExperimentProgress> progress, CancellationToken cancellationToken)
    {
        var outputDirectory = new DirectoryInfo(Path.Combine(reportsDirectory, id));
        if (outputDirectory.Exists) outputDirectory.Delete(recursive: true);
        var context = new ExperimentContext(scale, services, outputDirectory, progress, seed);
        var experiment = experiments.Create(id);
        var start = Stopwatch.GetTimestamp();
        Finding finding;
        try
        {
            finding = await experiment.RunAsync(context, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            finding = new Finding
            {
                GoalId = id,
                Title = experiment.Title,
                Verdict = e is ServiceUnavailableException ? Verdict.Inconclusive : Verdict.Fail,
                Summary = $"The experiment stopped with {e.GetType().Name}: {e.Message}",
                Notes = [e.ToString()],
            };
        }
        finding = finding with { Scale = scale, Duration = Stopwatch.GetElapsedTime(start) };
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
        : Directory.Exists(Path.Combine(layout.Root, goals.SectionOf(goal).Folder)) ? GoalStatus.Pending
        : GoalStatus.NotBuilt;

    /// <summary>Every goal: this run's finding, else one an earlier run left in reports/, else none.</summary>
    private List<GoalRow> BuildRows(IReadOnlyDictionary<string, Finding> findings) =>
        goals.Goals.Select(g =>
        {
            var status = StatusOf(g);
            if (findings.TryGetValue(g.Id, out var now)) return new GoalRow(g, goals.SectionOf(g), status, now, true);
            var earlier = Path.Combine(reportsDirectory, g.Id, FindingReport.JsonFileName);
            // A lab that is being rebuilt may not load right now; its last measurement still stands.
            var previous = status != GoalStatus.NotBuilt && File.Exists(earlier) ? FindingReport.Read(earlier) : null;
            return new GoalRow(g, goals.SectionOf(g), status, previous, false);
        }).ToList();

    private void PrintSummary(IReadOnlyList<GoalRow> rows, IReadOnlyDictionary<string, Finding> findings)
    {
        var table = new Table().AddColumns("goal", "verdict", "key figures");
        foreach (var (id, f) in findings.OrderBy(kv => kv.Key, GoalId.Comparer))
        {
            var color = f.Verdict switch { Verdict.Pass => "green", Verdict.Fail => "red", _ => "yellow" };
            table.AddRow(Markup.Escape(id), $"[{color}]{f.Verdict.ToString().ToUpperInvariant()}[/]",
                Markup.Escape(string.Join("; ", f.Figures.Where(x => x.IsKey).Select(x => $"{x.Name}: {x.Formatted}"))));
        }
        if (findings.Count > 0) AnsiConsole.Write(table);
        var notBuilt = rows.Count(r => r.Status != GoalStatus.Built);
        AnsiConsole.MarkupLine($"ran {findings.Count} experiment(s): {findings.Values.Count(f => f.Verdict == Verdict.Pass)} passed, " +
                               $"{findings.Values.Count(f => f.Verdict == Verdict.Fail)} failed, {findings.Values.Count(f => f.Verdict == Verdict.Inconclusive)} inconclusive; " +
                               $"{notBuilt} of {rows.Count} goals not built yet. Index: {Markup.Escape(Path.Combine(reportsDirectory, "index.md"))}");
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
