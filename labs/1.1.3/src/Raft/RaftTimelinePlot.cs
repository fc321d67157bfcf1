using ScottPlot;

namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>Draws one run's timeline: the highest term over virtual time, a marker per election won
/// (coloured by the winning server), and a dotted line at each injected fault.</summary>
public static class RaftTimelinePlot
{
    public static Plot Draw(RandomFaultRunResult run, int servers)
    {
        var plot = new Plot();
        foreach (var fault in run.FaultTimeline)
        {
            var line = plot.Add.VerticalLine(fault.AtMs / 1000.0, 1, Colors.Gray.WithAlpha(0.5));
            line.LinePattern = LinePattern.Dotted;
        }
        var terms = run.TermTimeline.ToList();
        terms.Add((run.VirtualSeconds * 1000, terms.Count > 0 ? terms[^1].Term : 0)); // carry the last term to the end
        var highest = plot.Add.Scatter(terms.Select(t => t.AtMs / 1000.0).ToArray(), terms.Select(t => (double)t.Term).ToArray());
        highest.ConnectStyle = ConnectStyle.StepHorizontal;
        highest.MarkerSize = 0;
        highest.LineWidth = 1.5f;
        highest.Color = Colors.Black;
        highest.LegendText = "highest term reached";
        var palette = new ScottPlot.Palettes.Category10();
        for (var s = 0; s < servers; s++)
        {
            var won = run.LeaderTimeline.Where(l => l.Leader == s).ToList();
            if (won.Count == 0) continue;
            var markers = plot.Add.Markers(won.Select(l => l.AtMs / 1000.0).ToArray(), won.Select(l => (double)l.Term).ToArray(),
                MarkerShape.FilledCircle, 9, palette.GetColor(s));
            markers.LegendText = $"S{s} elected leader";
        }
        plot.Title($"Raft terms and leaders, seed {run.Seed} ({run.Faults} faults, dotted lines)");
        plot.XLabel("virtual time (s)");
        plot.YLabel("term");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
