namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>
/// A leaderless, Dynamo-style key-value store in the event loop: any node coordinates any request; a
/// write goes to the key's N replicas and succeeds after W acknowledgements, a read asks the N replicas
/// and answers from the newest of the first R replies. A failed replica's share goes to a fallback node
/// with a hint (sloppy quorum) that is handed back when the replica returns (hinted handoff); a read that
/// sees stale replicas writes the newest value back to them (read repair).
/// </summary>
public sealed class DynamoCluster
{
    private readonly Dictionary<string, Versioned>[] _data;
    private readonly List<(int Owner, string Key, Versioned Value)>[] _hints;
    private readonly bool[] _up;

    public DynamoCluster(DynamoOptions options, int seed)
    {
        if (options.R < 1 || options.W < 1 || options.R > options.N || options.W > options.N || options.N > options.Nodes)
            throw new ArgumentException($"Need 1 ≤ R, W ≤ N ≤ nodes; got N={options.N}, R={options.R}, W={options.W}, nodes={options.Nodes}.", nameof(options));
        Options = options;
        Scheduler = new EventScheduler(seed);
        Ring = new HashRing(options.Nodes, options.VirtualNodes);
        _data = Enumerable.Range(0, options.Nodes).Select(_ => new Dictionary<string, Versioned>(StringComparer.Ordinal)).ToArray();
        _hints = Enumerable.Range(0, options.Nodes).Select(_ => new List<(int, string, Versioned)>()).ToArray();
        _up = Enumerable.Repeat(true, options.Nodes).ToArray();
        if (options.HintedHandoff) Scheduler.After(options.HandoffInterval, HandOffHints);
    }

    public DynamoOptions Options { get; }
    public EventScheduler Scheduler { get; }
    public HashRing Ring { get; }
    public long ReadRepairsSent { get; private set; }
    public long HintsStored { get; private set; }
    public long HintsHandedOff { get; private set; }

    public bool IsUp(int node) => _up[node];
    public void Fail(int node) => _up[node] = false;
    public void Recover(int node) => _up[node] = true;

    public IReadOnlyList<int> PreferenceList(string key) => Ring.Walk(key).Take(Options.N).ToList();

    /// <summary>What a replica holds right now (null: nothing), without going through the network.</summary>
    public Versioned? Peek(int node, string key) => _data[node].GetValueOrDefault(key);

    /// <summary>Where requests for a key go: the N preference replicas; with a sloppy quorum, each failed one
    /// is replaced by the next healthy node on the ring, which holds the write for it (the hint).</summary>
    private List<(int Node, int? HintFor)> Targets(string key)
    {
        var walk = Ring.Walk(key);
        var targets = new List<(int, int?)>();
        var next = Options.N;
        foreach (var replica in walk.Take(Options.N))
        {
            if (_up[replica] || !Options.SloppyQuorum)
            {
                targets.Add((replica, null));
                continue;
            }
            while (next < walk.Count && !_up[walk[next]]) next++;
            if (next < walk.Count) targets.Add((walk[next++], replica));
        }
        return targets;
    }

    private long Delay()
    {
        var rng = Scheduler.Random;
        var delay = Options.MinDelay + (long)(-Math.Log(1 - rng.NextDouble()) * Options.MeanExtraDelay);
        if (rng.NextDouble() < Options.SlowChance) delay += rng.NextInt64(Options.SlowDelayMax);
        return delay;
    }

    /// <summary>Sends a message: it arrives after a random delay unless either end is down (then it is lost).</summary>
    private void Send(int from, int to, Action deliver)
    {
        if (!_up[from]) return;
        Scheduler.After(Delay(), () =>
        {
            if (_up[to] && _up[from]) deliver();
        });
    }

    /// <summary>Writes through coordinator <paramref name="coordinator"/>; <paramref name="done"/> gets true once W replicas acknowledged, false on timeout.</summary>
    public void Put(int coordinator, string key, string value, Action<bool> done)
    {
        var version = new Versioned(value, Scheduler.Now, coordinator);
        var acks = 0;
        var finished = false;
        #region Exercise 4.1-2: a quorum write — send to N replicas (or their fallbacks), succeed after W acknowledgements
        foreach (var (node, hintFor) in Targets(key))
        {
            Send(coordinator, node, () =>
            {
                Store(node, key, version);
                if (hintFor is { } owner)
                {
                    _hints[node].Add((owner, key, version));
                    HintsStored++;
                }
                Send(node, coordinator, () =>
                {
                    if (finished || ++acks < Options.W) return;
                    finished = true;
                    done(true);
                });
            });
        }
        #endregion
        Scheduler.After(Options.RequestTimeout, () =>
        {
            if (finished) return;
            finished = true;
            done(false);
        });
    }

    /// <summary>Reads through a coordinator; <paramref name="done"/> gets the newest of the first R replies (or null on timeout: unavailable).</summary>
    public void Get(int coordinator, string key, Action<(bool Ok, Versioned? Value)> done)
    {
        var targets = Targets(key);
        var replies = new List<(int Node, Versioned? Value)>();
        var answered = false;
        var repaired = false;
        // Read repair: once every reply is in (or the request timed out), bring the stale repliers up to the newest.
        void Repair()
        {
            if (repaired || !Options.ReadRepair) return;
            repaired = true;
            var newest = Newest(replies);
            if (newest is null) return;
            foreach (var (node, value) in replies.Where(r => newest.IsNewerThan(r.Value)))
            {
                ReadRepairsSent++;
                Send(coordinator, node, () => Store(node, key, newest));
            }
        }
        #region Exercise 4.1-2: a quorum read — ask the N replicas, answer from the newest of the first R replies
        foreach (var (node, _) in targets)
        {
            Send(coordinator, node, () =>
            {
                var value = _data[node].GetValueOrDefault(key);
                Send(node, coordinator, () =>
                {
                    replies.Add((node, value));
                    if (!answered && replies.Count >= Options.R)
                    {
                        answered = true;
                        done((true, Newest(replies)));
                    }
                    if (replies.Count == targets.Count) Repair();
                });
            });
        }
        #endregion
        Scheduler.After(Options.RequestTimeout, () =>
        {
            if (!answered)
            {
                answered = true;
                done((false, null));
            }
            Repair();
        });
    }

    private static Versioned? Newest(IEnumerable<(int, Versioned? Value)> replies) =>
        replies.Select(r => r.Value).Aggregate((Versioned?)null, (best, v) => v is not null && v.IsNewerThan(best) ? v : best);

    private void Store(int node, string key, Versioned version)
    {
        if (version.IsNewerThan(_data[node].GetValueOrDefault(key))) _data[node][key] = version;
    }

    /// <summary>Every interval, each node hands the writes it holds for a failed replica back to it once it is up again.</summary>
    private void HandOffHints()
    {
        for (var node = 0; node < _hints.Length; node++)
        {
            if (!_up[node]) continue;
            var holder = node;
            foreach (var hint in _hints[node].Where(h => _up[h.Owner]).ToList())
            {
                Send(holder, hint.Owner, () =>
                {
                    // Dropped only once delivered: if the owner fails again first, the next round retries.
                    if (!_hints[holder].Remove(hint)) return;
                    Store(hint.Owner, hint.Key, hint.Value);
                    HintsHandedOff++;
                    // The holder was only keeping the value for the owner.
                    if (!PreferenceList(hint.Key).Contains(holder) && _data[holder].GetValueOrDefault(hint.Key) == hint.Value) _data[holder].Remove(hint.Key);
                });
            }
        }
        Scheduler.After(Options.HandoffInterval, HandOffHints);
    }
}
