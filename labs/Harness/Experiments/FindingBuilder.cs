namespace StatelessMind.Harness.Experiments;

/// <summary>Collects a finding's parts while an experiment runs; the verdict is decided at the end.</summary>
public sealed class FindingBuilder(string goalId, string title)
{
    private readonly List<Figure> _figures = [];
    private readonly List<FindingTable> _tables = [];
    private readonly List<PlotRef> _plots = [];
    private readonly List<string> _notes = [];
    private readonly List<string> _failedChecks = [];

    public FindingBuilder Figure(string name, double value, string unit, bool key = false, string? target = null)
    {
        _figures.Add(new Figure(name, value, unit, key, target));
        return this;
    }

    public FindingBuilder Table(FindingTable table)
    {
        _tables.Add(table);
        return this;
    }

    public FindingBuilder Plot(PlotRef plot)
    {
        _plots.Add(plot);
        return this;
    }

    public FindingBuilder Note(string note)
    {
        _notes.Add(note);
        return this;
    }

    /// <summary>Records a property the goal requires; any failed check makes the verdict Fail.</summary>
    public FindingBuilder Check(bool holds, string description)
    {
        _notes.Add($"{(holds ? "✔" : "✘")} {description}");
        if (!holds) _failedChecks.Add(description);
        return this;
    }

    public bool AllChecksHold => _failedChecks.Count == 0;

    /// <summary>The descriptions of the checks that failed so far, for a summary built from the outcomes.</summary>
    public IReadOnlyList<string> FailedChecks => _failedChecks;

    /// <summary>Pass when every check held (Fail otherwise), unless an explicit verdict is given.</summary>
    public Finding Build(string summary, Verdict? verdict = null) => new()
    {
        GoalId = goalId,
        Title = title,
        Verdict = verdict ?? (_failedChecks.Count == 0 ? Verdict.Pass : Verdict.Fail),
        Summary = summary,
        Figures = [.. _figures],
        Tables = [.. _tables],
        Plots = [.. _plots],
        Notes = [.. _notes],
    };
}
