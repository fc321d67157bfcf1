namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>The measurements of the leaderless store: stale reads as a function of the time since the write,
/// replica convergence, and what sloppy versus strict quorums do when replicas fail.</summary>
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
            int stale = 0, reads = 0, refused = 0;
            for (var t = 0; t < trials; t++)
            {
                var key = $"key-{delay}-{t}";
                #region Exercise 4.1-2: write, wait, read — is the read older than the acknowledged write?
                if (!PutAndWait(cluster, rng.Next(options.Nodes), key, "old")) { refused++; continue; }
                cluster.Scheduler.RunFor(200 * Ms); // the old value settles everywhere
                if (!PutAndWait(cluster, rng.Next(options.Nodes), key, "new")) { refused++; continue; }
                cluster.Scheduler.RunFor((long)(delay * Ms));
                var read = GetAndWait(cluster, rng.Next(options.Nodes), key);
                if (!read.Ok) continue;
                reads++;
                if (read.Value?.Value != "new") stale++;
                #endregion
            }
            points.Add(new StaleReadPoint(options.Label, delay, reads, stale, refused));
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
            PutAndWait(cluster, rng.Next(options.Nodes), key, "new");
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
        int accepted = 0, checkedReads = 0, staleNow = 0, staleLater = 0;
        for (var t = 0; t < trials; t++)
        {
            var key = $"outage-{t}";
            PutAndWait(cluster, rng.Next(options.Nodes), key, "old");
            cluster.Scheduler.RunFor(200 * Ms);
            var replicas = cluster.PreferenceList(key);
            var (down1, down2) = (replicas[1], replicas[2]);
            #region Exercise 4.1-2: the outage — write with two replicas down, bring them back, read at once and after handoff
            cluster.Fail(down1);
            cluster.Fail(down2);
            var coordinator = Enumerable.Range(0, options.Nodes).Where(n => cluster.IsUp(n)).ElementAt(rng.Next(options.Nodes - 2));
            var ok = PutAndWait(cluster, coordinator, key, "new");
            cluster.Recover(down1);
            cluster.Recover(down2);
            if (ok) accepted++;
            var expected = ok ? "new" : null; // only an acknowledged write must be seen
            var now = GetAndWait(cluster, rng.Next(options.Nodes), key);
            cluster.Scheduler.RunFor(300 * Ms);
            var later = GetAndWait(cluster, rng.Next(options.Nodes), key);
            if (expected is null) continue;
            checkedReads++;
            if (now.Value?.Value != expected) staleNow++;
            if (later.Value?.Value != expected) staleLater++;
            #endregion
            cluster.Scheduler.RunFor(200 * Ms);
        }
        return new OutageOutcome(options.SloppyQuorum ? "sloppy quorum + hinted handoff" : "strict quorum", trials, accepted, checkedReads, staleNow, staleLater, cluster.HintsHandedOff);
    }

    private static bool PutAndWait(DynamoCluster cluster, int coordinator, string key, string value)
    {
        bool? result = null;
        cluster.Put(coordinator, key, value, ok => result = ok);
        cluster.Scheduler.RunUntil(() => result is not null, cluster.Scheduler.Now + 10 * cluster.Options.RequestTimeout);
        return result == true;
    }

    private static (bool Ok, Versioned? Value) GetAndWait(DynamoCluster cluster, int coordinator, string key)
    {
        (bool Ok, Versioned? Value)? result = null;
        cluster.Get(coordinator, key, r => result = r);
        cluster.Scheduler.RunUntil(() => result is not null, cluster.Scheduler.Now + 10 * cluster.Options.RequestTimeout);
        return result ?? (false, null);
    }
}
