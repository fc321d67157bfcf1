namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>The measurements of the leaderless store: stale reads as a function of the time since the write, replica
/// convergence, what sloppy versus strict quorums do when replicas fail, and what last-writer-wins and vector clocks keep
/// of conflicting writes. A read that fails is counted, never silently dropped.</summary>
public static class LeaderlessProbe
{
    private const long Ms = 1_000;

    /// <summary>
    /// For each delay: write "old" and let it settle, write "new" (W acknowledgements), then read once (R replies)
    /// that many milliseconds after the acknowledgement, from a random coordinator. Each trial uses its own key.
    /// </summary>
    public static IReadOnlyList<StaleReadPoint> StaleReadsOverTime(DynamoOptions options, IReadOnlyList<double> delaysMs, int trials, int seed)
    {
        var cluster = new DynamoCluster(options, seed);
        var rng = cluster.Scheduler.Random;
        var points = new List<StaleReadPoint>();
        foreach (var delay in delaysMs)
        {
            int stale = 0, reads = 0, refused = 0, failed = 0;
            for (var t = 0; t < trials; t++)
            {
                var key = $"key-{delay}-{t}";
                if (!PutAndWait(cluster, rng.Next(options.Nodes), key, "old", null)) { refused++; continue; }
                cluster.Scheduler.RunFor(200 * Ms); // the old value settles everywhere
                if (!PutAndWait(cluster, rng.Next(options.Nodes), key, "new", null)) { refused++; continue; }
                cluster.Scheduler.RunFor((long)(delay * Ms));
                var read = GetAndWait(cluster, rng.Next(options.Nodes), key);
                if (!read.Ok) { failed++; continue; }
                reads++;
                if (read.Value != "new") stale++;
            }
            points.Add(new StaleReadPoint(options.Label, delay, reads, stale, refused, failed));
        }
        return points;
    }

    /// <summary>After a write acknowledged by W replicas (and no reads, so no read repair), the share of the N replicas
    /// holding it at each delay: anti-entropy by replication alone.</summary>
    public static IReadOnlyList<(double DelayMs, double FreshPercent)> ReplicaFreshness(DynamoOptions options, IReadOnlyList<double> delaysMs, int trials, int seed)
    {
        var cluster = new DynamoCluster(options, seed);
        var rng = cluster.Scheduler.Random;
        var fresh = new double[delaysMs.Count];
        for (var t = 0; t < trials; t++)
        {
            var key = $"fresh-{t}";
            if (!PutAndWait(cluster, rng.Next(options.Nodes), key, "new", null))
                throw new InvalidOperationException($"{options.Label}: the write of {key} was not acknowledged, though every replica is up.");
            var ackedAt = cluster.Scheduler.Now;
            var replicas = cluster.PreferenceList(key);
            for (var d = 0; d < delaysMs.Count; d++)
            {
                cluster.Scheduler.RunUntil(() => false, ackedAt + (long)(delaysMs[d] * Ms));
                fresh[d] += replicas.Count(r => cluster.Peek(r, key)?.Value == "new") / (double)replicas.Count;
            }
            cluster.Scheduler.RunFor(200 * Ms);
        }
        return delaysMs.Select((d, i) => (d, 100.0 * fresh[i] / trials)).ToList();
    }

    /// <summary>Two of three replicas fail; a write is attempted; they recover; reads follow at once and after handoff.</summary>
    public static OutageOutcome Outage(DynamoOptions options, int trials, int seed)
    {
        var cluster = new DynamoCluster(options, seed);
        var rng = cluster.Scheduler.Random;
        int accepted = 0, checkedReads = 0, staleNow = 0, staleLater = 0, failed = 0;
        for (var t = 0; t < trials; t++)
        {
            var key = $"outage-{t}";
            PutAndWait(cluster, rng.Next(options.Nodes), key, "old", null);
            cluster.Scheduler.RunFor(200 * Ms);
            var replicas = cluster.PreferenceList(key);
            var (down1, down2) = (replicas[1], replicas[2]);
            cluster.Fail(down1);
            cluster.Fail(down2);
            var coordinator = Enumerable.Range(0, options.Nodes).Where(cluster.IsUp).ElementAt(rng.Next(options.Nodes - 2));
            var ok = PutAndWait(cluster, coordinator, key, "new", null);
            cluster.Recover(down1);
            cluster.Recover(down2);
            var now = GetAndWait(cluster, rng.Next(options.Nodes), key);
            cluster.Scheduler.RunFor(300 * Ms);
            var later = GetAndWait(cluster, rng.Next(options.Nodes), key);
            cluster.Scheduler.RunFor(200 * Ms);
            if (!ok) continue; // only an acknowledged write must be seen
            accepted++;
            if (!now.Ok || !later.Ok)
            {
                failed++;
                continue;
            }
            checkedReads++;
            if (now.Value != "new") staleNow++;
            if (later.Value != "new") staleLater++;
        }
        return new OutageOutcome(options.SloppyQuorum ? "sloppy quorum + hinted handoff" : "strict quorum", trials, accepted, checkedReads, staleNow, staleLater,
            cluster.HintsHandedOff, failed);
    }

    /// <summary>
    /// Two clients read a key (a cart holding "base"), then each adds an item, through different coordinators at the same
    /// instant, to what it read; once replication has settled a read shows what was kept. Under last-writer-wins one
    /// acknowledged item is lost; under vector clocks the two writes are siblings and a reader merges them.
    /// </summary>
    public static ConflictOutcome ConcurrentWriters(DynamoOptions options, int trials, int seed)
    {
        var cluster = new DynamoCluster(options, seed);
        var rng = cluster.Scheduler.Random;
        int acknowledged = 0, lost = 0, siblings = 0, failed = 0;
        for (var t = 0; t < trials; t++)
        {
            var key = $"cart-{t}";
            PutAndWait(cluster, rng.Next(options.Nodes), key, "base", null);
            cluster.Scheduler.RunFor(200 * Ms);
            var (readA, readB) = (GetAndWait(cluster, rng.Next(options.Nodes), key), GetAndWait(cluster, rng.Next(options.Nodes), key));
            if (!readA.Ok || !readB.Ok)
            {
                failed++;
                continue;
            }
            var coordinatorA = rng.Next(options.Nodes);
            var coordinatorB = (coordinatorA + 1 + rng.Next(options.Nodes - 1)) % options.Nodes;
            var items = new[] { $"a{t}", $"b{t}" };
            bool? okA = null, okB = null;
            cluster.Put(coordinatorA, key, WithItem(readA, items[0]), readA.Context, ok => okA = ok);
            cluster.Put(coordinatorB, key, WithItem(readB, items[1]), readB.Context, ok => okB = ok);
            cluster.Scheduler.RunUntil(() => okA is not null && okB is not null, cluster.Scheduler.Now + 10 * options.RequestTimeout);
            cluster.Scheduler.RunFor(300 * Ms);
            var final = GetAndWait(cluster, rng.Next(options.Nodes), key);
            if (!final.Ok)
            {
                failed++;
                continue;
            }
            if (final.Siblings.Count > 1) siblings++;
            var kept = ItemsOf(final);
            foreach (var (item, ok) in items.Zip([okA == true, okB == true]))
            {
                if (!ok) continue;
                acknowledged++;
                if (!kept.Contains(item)) lost++;
            }
        }
        return new ConflictOutcome("concurrent writers", options.Versioning, trials, acknowledged, lost, siblings, failed);
    }

    /// <summary>
    /// A client writes "v1" through a coordinator with a true clock, reads it back, then writes "v2" — causally after —
    /// through a coordinator whose clock runs <paramref name="skewMs"/> behind. Under last-writer-wins v2 carries the older
    /// timestamp and loses; under vector clocks v2 descends from v1 and wins.
    /// </summary>
    public static ConflictOutcome SkewedClock(DynamoOptions options, int trials, int seed, double skewMs = 50)
    {
        const int slow = 1;
        options = options with { ClockSkew = [.. Enumerable.Range(0, options.Nodes).Select(n => n == slow ? -(long)(skewMs * Ms) : 0L)] };
        var cluster = new DynamoCluster(options, seed);
        var rng = cluster.Scheduler.Random;
        int acknowledged = 0, lost = 0, siblings = 0, failed = 0;
        for (var t = 0; t < trials; t++)
        {
            var key = $"skew-{t}";
            var fast = (slow + 1 + rng.Next(options.Nodes - 1)) % options.Nodes;
            if (!PutAndWait(cluster, fast, key, $"v1-{t}", null)) continue;
            acknowledged++;
            cluster.Scheduler.RunFor(5 * Ms);
            var read = GetAndWait(cluster, rng.Next(options.Nodes), key);
            if (!read.Ok)
            {
                failed++;
                continue;
            }
            if (!PutAndWait(cluster, slow, key, $"v2-{t}", read.Context)) continue;
            acknowledged++;
            cluster.Scheduler.RunFor(300 * Ms);
            var final = GetAndWait(cluster, rng.Next(options.Nodes), key);
            if (!final.Ok)
            {
                failed++;
                continue;
            }
            if (final.Siblings.Count > 1) siblings++;
            if (!final.Siblings.Any(v => v.Value == $"v2-{t}")) lost++; // v1 was superseded by v2, so only v2 can be lost
        }
        return new ConflictOutcome("clock skew", options.Versioning, trials, acknowledged, lost, siblings, failed);
    }

    /// <summary>The client's merge: the union of the items of every sibling it read, plus its own.</summary>
    private static string WithItem(ReadResult read, string item) => string.Join(",", ItemsOf(read).Append(item).Distinct().Order(StringComparer.Ordinal));

    private static HashSet<string> ItemsOf(ReadResult read) =>
        read.Siblings.SelectMany(v => v.Value.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);

    private static bool PutAndWait(DynamoCluster cluster, int coordinator, string key, string value, VectorClock? context)
    {
        bool? result = null;
        cluster.Put(coordinator, key, value, context, ok => result = ok);
        cluster.Scheduler.RunUntil(() => result is not null, cluster.Scheduler.Now + 10 * cluster.Options.RequestTimeout);
        return result == true;
    }

    private static ReadResult GetAndWait(DynamoCluster cluster, int coordinator, string key)
    {
        ReadResult? result = null;
        cluster.Get(coordinator, key, r => result = r);
        cluster.Scheduler.RunUntil(() => result is not null, cluster.Scheduler.Now + 10 * cluster.Options.RequestTimeout);
        return result ?? ReadResult.Failed;
    }
}
