using Cronos;
using StatelessMind.Labs.Orchestration.Dags;

namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>Which data intervals of a cron schedule are due: for the scheduler (catchup) and for backfill.</summary>
public static class DataIntervals
{
    /// <summary>The interval that starts at the first cron tick at or after <paramref name="from"/>.</summary>
    public static DataInterval? StartingAt(CronExpression cron, DateTimeOffset from)
    {
        var start = cron.GetNextOccurrence(from, TimeZoneInfo.Utc, inclusive: true);
        if (start is null) return null;
        var end = cron.GetNextOccurrence(start.Value, TimeZoneInfo.Utc, inclusive: false);
        return end is null ? null : new DataInterval(start.Value, end.Value);
    }

    /// <summary>
    /// The intervals a scheduler should create runs for at <paramref name="now"/>: those that have ended, after the last
    /// scheduled one (<paramref name="lastLogicalDate"/>) or from the DAG's start date. With catchup every one of them; without
    /// catchup only the newest. At most <paramref name="limit"/>, oldest first.
    /// </summary>
    public static IReadOnlyList<DataInterval> Due(Dag dag, DateTimeOffset? lastLogicalDate, DateTimeOffset now, int limit, OrchestrationBug bug = OrchestrationBug.None)
    {
        if (dag.Cron is null || limit <= 0) return [];
        var due = new List<DataInterval>();
        #region Exercise 2.3-2a: list the ended data intervals after the last scheduled run (all of them with catchup, the newest without) (tests: ScheduleTests, ExperimentTests)
        var from = lastLogicalDate is { } last
            ? dag.Cron.GetNextOccurrence(last, TimeZoneInfo.Utc, inclusive: false)
            : dag.Cron.GetNextOccurrence(dag.Options.StartDate, TimeZoneInfo.Utc, inclusive: true);
        var all = new List<DataInterval>();
        while (from is { } start && StartingAt(dag.Cron, start) is { } interval && interval.End <= now)
        {
            all.Add(interval);
            from = interval.End;
        }
        if (dag.Options.Catchup) due.AddRange(all.Take(limit));
        else if (all.Count > 0) due.Add(all[^1]);
        #endregion
        // The planted bug drops the interval right after the last scheduled run whenever a later one has ended too (however
        // many runs may start now): catchup then skips every other interval.
        if (bug == OrchestrationBug.CatchupSkipsInterval && lastLogicalDate is not null && due.Count > 0
            && StartingAt(dag.Cron, due[0].End) is { } following && following.End <= now)
        {
            due.RemoveAt(0);
            if (!due.Contains(following)) due.Insert(0, following);
        }
        return due;
    }

    /// <summary>Every interval that starts in [<paramref name="from"/>, <paramref name="to"/>]: a backfill's runs.</summary>
    public static IReadOnlyList<DataInterval> Between(CronExpression cron, DateTimeOffset from, DateTimeOffset to)
    {
        var list = new List<DataInterval>();
        var next = StartingAt(cron, from);
        while (next is { } interval && interval.Start <= to)
        {
            list.Add(interval);
            next = StartingAt(cron, interval.End);
        }
        return list;
    }
}
