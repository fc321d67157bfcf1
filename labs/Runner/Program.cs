using System.CommandLine;
using Spectre.Console;
using StatelessMind.Harness;
using StatelessMind.Harness.Experiments;
using StatelessMind.Runner;
using StatelessMind.Runner.Exercises;

var scaleOption = new Option<string>("--scale")
{
    Description = "small (seconds, as in tests) or full (realistic sizes)",
    DefaultValueFactory = _ => "full",
};
scaleOption.AcceptOnlyFromAmong("small", "full");
var outOption = new Option<string?>("--out") { Description = "reports folder to write (default: <repo>/artifacts/reports, the working copy)" };
var seedOption = new Option<int>("--seed") { Description = "seed for every random choice", DefaultValueFactory = _ => 20261127 };
var targets = new Argument<string[]>("targets")
{
    Description = "goal ids (1.4-2) or sections (1.4); none runs every built goal",
    Arity = ArgumentArity.ZeroOrMore,
};

var list = new Command("list", "every goal of labs/goals.yaml with its lab and whether it is built");
list.SetAction(_ =>
{
    var (layout, goals, experiments) = Load();
    var table = new Table().AddColumns("goal", "lab", "status", "statement");
    foreach (var g in goals.Goals)
    {
        var status = experiments.IsBuilt(g.Id) ? "[green]built[/]"
            : Directory.Exists(Path.Combine(layout.Root, goals.SectionOf(g).Folder)) ? $"[yellow]pending[/]{(g.Pending is { } p ? " — " + Markup.Escape(p) : "")}"
            : "[grey]not built[/]";
        table.AddRow(g.Id, goals.SectionOf(g).Folder, status, Markup.Escape(g.Statement));
    }
    AnsiConsole.Write(table);
    foreach (var problem in experiments.Problems) AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(problem.Message)}[/]");
    AnsiConsole.MarkupLine($"{experiments.GoalIds.Count} of {goals.Goals.Count} goals built.");
    return 0;
});

var run = new Command("run", "run experiments; write index.md, a page per goal and results.json into the working copy (artifacts/reports). " +
                             RunExitCode.Legend)
{
    targets, scaleOption, outOption, seedOption,
};
run.SetAction(async (parse, cancellationToken) =>
{
    var (layout, goals, experiments) = Load();
    var scale = parse.GetValue(scaleOption) == "small" ? Scale.Small : Scale.Full;
    var reports = Path.GetFullPath(parse.GetValue(outOption) ?? layout.RunReportsDirectory);
    var runner = new ExperimentRunner(layout, goals, experiments, reports);
    try
    {
        return await runner.RunAsync(parse.GetValue(targets) ?? [], scale, parse.GetValue(seedOption), cancellationToken);
    }
    catch (ArgumentException e)
    {
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
        return RunExitCode.Usage;
    }
});

var fromOption = new Option<string?>("--from") { Description = "the run to publish (default: <repo>/artifacts/reports)" };
var toOption = new Option<string?>("--to") { Description = "the published folder (default: <repo>/reports, committed)" };
var allowSmallOption = new Option<bool>("--allow-small") { Description = "accept a small-scale run (to try the mechanism; the repository publishes full scale)" };
var publish = new Command("publish",
    "copy a complete run (every built goal measured by it, full scale) from the working copy into reports/ — index, pages, plots — " +
    "and refresh the lab READMEs' figures blocks from it")
{
    fromOption, toOption, allowSmallOption,
};
publish.SetAction(parse =>
{
    var (layout, goals, experiments) = Load();
    var from = Path.GetFullPath(parse.GetValue(fromOption) ?? layout.RunReportsDirectory);
    var to = Path.GetFullPath(parse.GetValue(toOption) ?? layout.ReportsDirectory);
    var problems = PublishedReports.Publish(from, to, goals, experiments, parse.GetValue(allowSmallOption));
    if (problems.Count > 0)
    {
        AnsiConsole.MarkupLine($"[red]not published: {Markup.Escape(from)} is not a complete run[/]");
        foreach (var problem in problems) AnsiConsole.MarkupLine($"[red]  {Markup.Escape(problem)}[/]");
        return 1;
    }
    AnsiConsole.MarkupLine($"published {Markup.Escape(from)} → {Markup.Escape(to)}");
    // Only the repository's own published folder feeds the READMEs (a trial publish elsewhere leaves them alone).
    return to == Path.GetFullPath(layout.ReportsDirectory) ? RefreshFigures(layout, to, []) : 0;
});

var files = new Argument<string[]>("files")
{
    Description = "Markdown files to refresh (default: every labs/**/*.md with a figures block)",
    Arity = ArgumentArity.ZeroOrMore,
};
var figuresFromOption = new Option<string?>("--from") { Description = "reports folder whose results.json to use (default: <repo>/reports, the published one)" };
var figures = new Command("figures", "refresh the <!-- figures: ids --> blocks of Markdown files from the published reports/results.json") { files, figuresFromOption };
figures.SetAction(parse =>
{
    var layout = RepositoryLayout.Locate();
    var reports = Path.GetFullPath(parse.GetValue(figuresFromOption) ?? layout.ReportsDirectory);
    return RefreshFigures(layout, reports, parse.GetValue(files) ?? []);
});

var services = new Command("services",
    "check the folder embedded services use (SM_SERVICE_DIR) and sweep what crashed runs left there: their servers are stopped " +
    "(only while still those servers) and their folders removed; says what it cannot remove and what to do");
services.SetAction(async (_, cancellationToken) =>
{
    var root = StatelessMind.Harness.Services.ServiceWorkspace.Root;
    Console.WriteLine($"service folder: {root}");
    var sweep = await StatelessMind.Harness.Services.ServiceWorkspace.SweepOrphansAsync(root, cancellationToken);
    foreach (var killed in sweep.KilledServers) Console.WriteLine($"stopped orphaned server {killed.Pid} ({Path.GetFileName(killed.Executable)})");
    foreach (var removed in sweep.RemovedFolders) Console.WriteLine($"removed {removed}");
    foreach (var spared in sweep.SparedProcesses) Console.WriteLine($"spared pid {spared.Pid}: it is no longer the server that was recorded");
    foreach (var left in sweep.LeftFolders) Console.Error.WriteLine(left);
    try
    {
        var probe = StatelessMind.Harness.Services.ServiceWorkspace.CreateInstanceDirectory(root, "probe");
        StatelessMind.Harness.Services.HostCommands.DeleteDirectory(probe);
        Console.WriteLine($"{root} is usable by {Environment.UserName}.");
        return 0;
    }
    catch (StatelessMind.Harness.Services.ServiceUnavailableException e)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
});

var root = new RootCommand("stateless-mind: the measured goals of the Stateless Mind labs") { list, run, publish, figures, services };
foreach (var command in ExerciseCommands.Create()) root.Add(command);
return await root.Parse(args).InvokeAsync();

static int RefreshFigures(RepositoryLayout layout, string reports, IReadOnlyList<string> files)
{
    var results = Path.Combine(reports, ReportIndex.ResultsFileName);
    if (!File.Exists(results))
    {
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(results)} does not exist: publish a run first (`make run`, then `make publish`).[/]");
        return 2;
    }
    var targets = files.Count > 0
        ? files.Select(Path.GetFullPath).ToList()
        : Directory.EnumerateFiles(layout.LabsDirectory, "*.md", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
    foreach (var changed in FiguresBlock.RefreshFiles(targets, results, layout.Root))
        AnsiConsole.MarkupLine($"figures refreshed: {Markup.Escape(Path.GetRelativePath(layout.Root, changed))}");
    return 0;
}

static (RepositoryLayout, GoalCatalog, ExperimentCatalog) Load()
{
    var layout = RepositoryLayout.Locate();
    var goals = GoalCatalog.Load(layout);
    return (layout, goals, ExperimentCatalog.Discover(layout, goals));
}
