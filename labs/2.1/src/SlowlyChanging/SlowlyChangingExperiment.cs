using System.Globalization;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.Transformation.Snapshots;

namespace StatelessMind.Labs.DimensionalModeling.SlowlyChanging;

/// <summary>
/// Goal 2.1-2: replay three loads of a changing CRM table through the project's two snapshots (type 2 by timestamp
/// and by check) and its type-1 and type-3 models on PostgreSQL, and check after every load that each table holds
/// exactly the rows computed in C# from the loads, that no two versions of a key overlap, and that the history
/// valid at a run's time is the source as it was then.
/// </summary>
/// <param name="bug">A mistake planted in the snapshot runner (tests only): a check must then fail.</param>
public sealed class SlowlyChangingExperiment(SnapshotBug bug) : IExperiment
{
    public SlowlyChangingExperiment() : this(SnapshotBug.None) { }

    public string GoalId => "2.1-2";
    public string Title => "Slowly changing dimensions: types 1, 2 (dbt snapshots, timestamp and check) and 3 over three loads";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var loads = CustomerProfileLoads.Generate(customers: context.Size(200, 20_000), context.Seed);
        var server = await context.Services.PostgresAsync(cancellationToken);
        var connectionString = await server.CreateDatabaseAsync("scd", cancellationToken);
        context.Report(0.1, $"replaying {loads}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var steps = await ScdReplay.RunAsync(connectionString, loads, bug, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;

        var builder = new FindingBuilder(GoalId, Title);
        var rows = new List<object[]>();
        bool timestampExact = true, checkExact = true, type1Exact = true, type3Exact = true, noOverlaps = true, asOfRight = true;
        foreach (var step in steps)
        {
            var k = step.Load;
            var ts = ExpectedHistory.Type2(loads, k, null, hardDeletes: true);
            var ck = ExpectedHistory.Type2(loads, k, ScdReplay.CheckColumns, hardDeletes: true);
            var t1 = ExpectedHistory.Type1(loads, k);
            var t3 = ExpectedHistory.Type3(loads, k);
            timestampExact &= ts.SequenceEqual(step.TimestampHistory);
            checkExact &= ck.SequenceEqual(step.CheckHistory);
            type1Exact &= t1.SequenceEqual(step.Type1);
            type3Exact &= t3.SequenceEqual(step.Type3);
            noOverlaps &= step.TimestampOverlaps == 0 && step.CheckOverlaps == 0;
            asOfRight &= loads.Loads[k].Select(c => (c.CustomerId, c.Segment, c.City)).SequenceEqual(step.CheckAsOfRun)
                         && loads.Loads[k].Select(c => c.CustomerId).SequenceEqual(step.TimestampAsOfRun.Select(v => v.CustomerId));
            rows.Add([k + 1, loads.Loads[k].Count, $"{step.TimestampHistory.Count} / {ts.Count}", $"{step.CheckHistory.Count} / {ck.Count}",
                $"{step.Type1.Count} / {t1.Count}", $"{step.Type3.Count(r => r.PreviousSegment is not null)} / {t3.Count(r => r.PreviousSegment is not null)}",
                step.TimestampOverlaps + step.CheckOverlaps]);
        }
        builder.Table(FindingTable.Of($"After each load ({loads}): rows found / rows expected",
            ["load", "source rows", "type 2 (timestamp)", "type 2 (check)", "type 1", "type 3 with a previous segment", "overlapping versions"], rows));

        var last = steps[^1];
        var current = loads.Loads[2].Select(c => (c.CustomerId, c.Segment, c.City)).ToHashSet();
        var staleTimestamp = last.TimestampAsOfRun.Count(v => !current.Contains(v));
        var silent = loads.SilentChanges.Sum();
        var closedByDelete = ExpectedHistory.Type2(loads, 2, null, hardDeletes: true).Count(r => r.ValidTo is { } to && loads.RunTimes.Contains(to));
        builder
            .Check(timestampExact, "the timestamp snapshot holds exactly the expected versions after every load (dbt_scd_id, dbt_valid_from, dbt_valid_to included)")
            .Check(checkExact, "the check snapshot holds exactly the expected versions after every load")
            .Check(type1Exact, "the type-1 dimension holds exactly the latest values of every customer ever loaded")
            .Check(type3Exact, "the type-3 dimension holds exactly the current and previous segment and when it changed")
            .Check(noOverlaps, "no two versions of a customer are valid at the same moment")
            .Check(asOfRight, "the versions valid at each run's time are that load's customers (and, for the check snapshot, their segment and city)")
            .Check(staleTimestamp == CountStale(loads), $"the timestamp snapshot misses exactly the changes made without updated_at ({staleTimestamp} stale current versions)");

        var versions = last.TimestampHistory.Count;
        var keys = last.TimestampHistory.Select(r => r.CustomerId).Distinct().Count();
        return builder
            .Figure("type-2 versions per customer (timestamp)", (double)versions / keys, "", key: true)
            .Figure("type-2 versions (check)", last.CheckHistory.Count, "", key: true)
            .Figure("versions closed by a hard delete", closedByDelete, "", key: true)
            .Figure("changes without updated_at", silent, "")
            .Figure("replay time (3 loads)", seconds, "s")
            .Note("Expected rows come from ExpectedHistory, which applies the snapshot rules to the loads in C#; the database is only read, never used as the reference.")
            .Note("The check snapshot ignores full_name (not in check_cols); the timestamp snapshot ignores a change whose updated_at did not move: both are by design, and both are in the expected rows.")
            .Build(string.Create(CultureInfo.InvariantCulture,
                $"Three loads ({loads}): {versions} timestamp and {last.CheckHistory.Count} check versions; {(timestampExact && checkExact && type1Exact && type3Exact ? "every type matches the expected rows" : "a type differs from the expected rows")}; " +
                $"{last.TimestampOverlaps + last.CheckOverlaps} overlapping versions; {closedByDelete} versions closed by hard deletes."));
    }

    /// <summary>Current customers whose latest city change never moved updated_at, so the timestamp strategy shows an old city.</summary>
    private static int CountStale(CustomerProfileLoads loads)
    {
        var expected = ExpectedHistory.Type2(loads, 2, null, hardDeletes: true).Where(r => r.ValidTo is null).ToDictionary(r => r.CustomerId);
        return loads.Loads[2].Count(c => expected.TryGetValue(c.CustomerId, out var v) && (v.Segment, v.City) != (c.Segment, c.City));
    }
}
