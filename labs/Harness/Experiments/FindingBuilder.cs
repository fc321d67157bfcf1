using System.Globalization;

namespace StatelessMind.Harness.Experiments;

/// <summary>
/// Collects a finding's parts while an experiment runs; the verdict and the end of the summary are decided at the
/// end, from the checks. An experiment states what it measured; whether that met the goal is said by its checks,
/// so a failing run can never be summarised as a success.
/// </summary>
public sealed class FindingBuilder(string goalId, string title)
{
    private readonly List<Figure> _figures = [];
    private readonly List<FindingTable> _tables = [];
    private readonly List<PlotRef> _plots = [];
    private readonly List<string> _notes = [];
    private readonly List<string> _checks = [];
    private readonly List<string> _failedChecks = [];
    private readonly List<string> _excused = [];
    private readonly List<string> _unmeasured = [];

    /// <summary>Records a measured figure.</summary>
    /// <param name="name">What was measured.</param>
    /// <param name="value">The value.</param>
    /// <param name="unit">Its unit ("ms", "×", "%").</param>
    /// <param name="key">Shown in the index and the runner's summary table.</param>
    /// <param name="target">The target it is held to, as text; the target itself must also be a <see cref="Check"/>.</param>
    public FindingBuilder Figure(string name, double value, string unit, bool key = false, string? target = null)
    {
        _figures.Add(new Figure(name, value, unit, key, target));
        return this;
    }

    /// <summary>Adds a table.</summary>
    /// <param name="table">The table.</param>
    public FindingBuilder Table(FindingTable table)
    {
        _tables.Add(table);
        return this;
    }

    /// <summary>Adds a plot saved with <see cref="ExperimentContext.SavePlot"/>.</summary>
    /// <param name="plot">The plot.</param>
    public FindingBuilder Plot(PlotRef plot)
    {
        _plots.Add(plot);
        return this;
    }

    /// <summary>Adds a note (an observation; not a check).</summary>
    /// <param name="note">The note.</param>
    public FindingBuilder Note(string note)
    {
        _notes.Add(note);
        return this;
    }

    /// <summary>Records a property or target the goal requires; any failed check makes the verdict Fail.</summary>
    /// <param name="holds">Whether it held in this run.</param>
    /// <param name="description">The property, with the measured value and the target where there is one.</param>
    public FindingBuilder Check(bool holds, string description)
    {
        _notes.Add($"{(holds ? "✔" : "✘")} {description}");
        _checks.Add(description);
        if (!holds) _failedChecks.Add(description);
        return this;
    }

    /// <summary>A part the lab declares optional (in its README) could not run here, e.g. MongoDB with no
    /// <c>MONGODB_URI</c>. The verdict can still pass; the report and the summary say what was not exercised.</summary>
    /// <param name="part">The optional part.</param>
    /// <param name="reason">Why it did not run, and what would make it run.</param>
    public FindingBuilder Excused(string part, string reason)
    {
        _excused.Add($"{part}: {reason}");
        _notes.Add($"– not exercised (optional): {part}: {reason}");
        return this;
    }

    /// <summary>A required part could not be measured (a service or tool is missing): the verdict is Inconclusive,
    /// which the runner counts as a failure. Use <see cref="Excused"/> only for a part the lab declares optional.</summary>
    /// <param name="part">What could not be measured.</param>
    /// <param name="reason">Why, and what to install or set.</param>
    public FindingBuilder Unmeasured(string part, string reason)
    {
        _unmeasured.Add($"{part}: {reason}");
        _notes.Add($"? not measured: {part}: {reason}");
        return this;
    }

    /// <summary>Whether every check so far held.</summary>
    public bool AllChecksHold => _failedChecks.Count == 0;

    /// <summary>The number of checks recorded so far.</summary>
    public int CheckCount => _checks.Count;

    /// <summary>The descriptions of the checks that failed so far.</summary>
    public IReadOnlyList<string> FailedChecks => _failedChecks;

    /// <summary>
    /// The finding. The verdict is Fail when any check failed; Inconclusive when a required part was unmeasured or no
    /// check was recorded at all (a finding that nothing could fail proves nothing); Pass otherwise.
    /// The summary is <paramref name="measured"/> followed by a sentence built from the checks' outcomes.
    /// </summary>
    /// <param name="measured">What was measured, stated neutrally (never "every X worked": the checks say that).</param>
    public Finding Build(string measured)
    {
        var verdict = _failedChecks.Count > 0 ? Verdict.Fail
            : _unmeasured.Count > 0 || _checks.Count == 0 ? Verdict.Inconclusive
            : Verdict.Pass;
        return new Finding
        {
            GoalId = goalId,
            Title = title,
            Verdict = verdict,
            Summary = SummaryOf(measured),
            Figures = [.. _figures],
            Tables = [.. _tables],
            Plots = [.. _plots],
            Notes = [.. _notes],
            Excused = [.. _excused],
        };
    }

    private string SummaryOf(string measured)
    {
        var text = measured.Trim();
        if (text.Length > 0 && !text.EndsWith('.')) text += ".";
        var outcome = _checks.Count == 0
            ? "No check was recorded, so nothing measured here could fail the goal."
            : _failedChecks.Count == 0
                ? string.Create(CultureInfo.InvariantCulture, $"All {_checks.Count} checks held.")
                : string.Create(CultureInfo.InvariantCulture,
                    $"{_failedChecks.Count} of {_checks.Count} checks failed: {string.Join("; ", _failedChecks)}.");
        if (_unmeasured.Count > 0) outcome += " Not measured: " + string.Join("; ", _unmeasured) + ".";
        if (_excused.Count > 0) outcome += " Not exercised here (optional): " + string.Join("; ", _excused) + ".";
        return text.Length == 0 ? outcome : $"{text} {outcome}";
    }
}
