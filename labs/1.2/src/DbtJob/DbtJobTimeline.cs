using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Lifecycle.DbtJob;

/// <summary>The runs' recorded state changes on one picture: clock minutes after the schedule time across, the job's
/// tasks down (each run a little lower than the one before), a marker per kind of change.</summary>
public static class DbtJobTimeline
{
    private static readonly (TaskState State, string Label, ScottPlot.MarkerShape Shape)[] Kinds =
    [
        (TaskState.Running, "started (a try or a poke)", ScottPlot.MarkerShape.OpenCircle),
        (TaskState.UpForReschedule, "up_for_reschedule (sensor waits)", ScottPlot.MarkerShape.OpenTriangleDown),
        (TaskState.UpForRetry, "up_for_retry", ScottPlot.MarkerShape.FilledTriangleUp),
        (TaskState.Success, "success", ScottPlot.MarkerShape.FilledCircle),
        (TaskState.Failed, "failed", ScottPlot.MarkerShape.Eks),
        (TaskState.UpstreamFailed, "upstream_failed", ScottPlot.MarkerShape.Cross),
    ];

    public static ScottPlot.Plot Plot(IReadOnlyList<(string Name, DbtJobDay Day)> days)
    {
        var tasks = DbtJobDag.RequiredOrder.Append(DbtJobDag.Watcher).ToList();
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var labelled = new HashSet<TaskState>();
        for (var d = 0; d < days.Count; d++)
        {
            var (name, day) = days[d];
            var start = day.Events.Min(e => e.At);
            foreach (var (state, label, shape) in Kinds)
            {
                var events = day.Events.Where(e => e.To == state && tasks.Contains(e.Key.TaskId)).ToList();
                if (events.Count == 0) continue;
                var scatter = plot.Add.Scatter(
                    events.Select(e => (e.At - start).TotalMinutes).ToArray(),
                    events.Select(e => tasks.IndexOf(e.Key.TaskId) + 0.18 * d).ToArray());
                scatter.LineWidth = 0;
                scatter.MarkerShape = shape;
                scatter.MarkerSize = 9;
                scatter.Color = palette.GetColor(d);
                if (labelled.Add(state)) scatter.LegendText = label; // one legend entry per kind, from the first run that has it
            }
            var tag = plot.Add.Text($"day {d + 1}: {name} ({day.State})", 0, tasks.Count - 0.2 + 0.35 * d);
            tag.LabelFontColor = palette.GetColor(d);
            tag.LabelFontSize = 12;
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, tasks.Count).Select(i => i + 0.27).ToArray(), [.. tasks]);
        plot.Axes.InvertY();
        plot.XLabel("clock minutes after the run's first task was queued");
        plot.Title("The dbt job's four runs as the orchestrator recorded them (task_event)");
        plot.ShowLegend(ScottPlot.Alignment.LowerCenter);
        return plot;
    }
}
