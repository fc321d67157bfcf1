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
var outOption = new Option<string?>("--out") { Description = "reports folder (default: <repo>/reports)" };
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
    foreach (var problem in experiments.Problems) AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(problem)}[/]");
    AnsiConsole.MarkupLine($"{experiments.GoalIds.Count} of {goals.Goals.Count} goals built.");
    return 0;
});

var run = new Command("run", "run experiments and write reports/index.md, one page per goal and reports/results.json")
{
    targets, scaleOption, outOption, seedOption,
};
run.SetAction(async (parse, cancellationToken) =>
{
    var (layout, goals, experiments) = Load();
    var scale = parse.GetValue(scaleOption) == "small" ? Scale.Small : Scale.Full;
    var reports = Path.GetFullPath(parse.GetValue(outOption) ?? layout.ReportsDirectory);
    var runner = new ExperimentRunner(layout, goals, experiments, reports);
    try
    {
        var status = await runner.RunAsync(parse.GetValue(targets) ?? [], scale, parse.GetValue(seedOption), cancellationToken);
        RefreshFigures(layout, reports, []);
        return status;
    }
    catch (ArgumentException e)
    {
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
        return 2;
    }
});

var files = new Argument<string[]>("files")
{
    Description = "Markdown files to refresh (default: every labs/**/*.md with a figures block)",
    Arity = ArgumentArity.ZeroOrMore,
};
var figures = new Command("figures", "refresh the <!-- figures: ids --> blocks of Markdown files from reports/results.json") { files, outOption };
figures.SetAction(parse =>
{
    var layout = RepositoryLayout.Locate();
    var reports = Path.GetFullPath(parse.GetValue(outOption) ?? layout.ReportsDirectory);
    return RefreshFigures(layout, reports, parse.GetValue(files) ?? []);
});

var root = new RootCommand("stateless-mind: the measured goals of the Stateless Mind labs") { list, run, figures };
foreach (var command in ExerciseCommands.Create()) root.Add(command);
return await root.Parse(args).InvokeAsync();

static int RefreshFigures(RepositoryLayout layout, string reports, IReadOnlyList<string> files)
{
    var results = Path.Combine(reports, "results.json");
    if (!File.Exists(results))
    {
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(results)} does not exist: run `stateless-mind run` first.[/]");
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
