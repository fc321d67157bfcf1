using StatelessMind.Harness.Reporting;

namespace StatelessMind.Harness.Experiments;

/// <summary>What an experiment found: its verdict, the figures it measured, tables, plots and notes.</summary>
public sealed record Finding
{
    public required string GoalId { get; init; }
    public required string Title { get; init; }
    public required Verdict Verdict { get; init; }

    /// <summary>One or two sentences: what was measured and whether the goal's property held.</summary>
    public required string Summary { get; init; }

    public IReadOnlyList<Figure> Figures { get; init; } = [];
    public IReadOnlyList<FindingTable> Tables { get; init; } = [];
    public IReadOnlyList<PlotRef> Plots { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Optional parts (declared so in the lab's README) that could not run here, with the reason.</summary>
    public IReadOnlyList<string> Excused { get; init; } = [];

    /// <summary>Filled in by the runner.</summary>
    public Scale Scale { get; init; }

    /// <summary>Filled in by the runner.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Filled in by the runner: the commit, date, scale and machine of the run that measured this finding.</summary>
    public RunProvenance? Run { get; init; }

    public Figure? FigureNamed(string name) => Figures.FirstOrDefault(f => f.Name == name);
}
