namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>
/// A leaderless, Dynamo-style key-value store in the event loop: any node coordinates any request; a write goes to the
/// key's N replicas and succeeds after W acknowledgements, a read asks the N replicas and answers from the first R
/// replies. A failed replica's share goes to a fallback node with a hint (sloppy quorum) that is handed back when the
/// replica returns (hinted handoff); a read that sees stale replicas writes the newest versions back to them (read
/// repair). Replicas keep, per key, the versions no other version supersedes: one under last-writer-wins, concurrent
/// siblings under vector clocks (<see cref="VersioningMode"/>).
/// </summary>
public sealed class DynamoCluster
{
    private readonly Dictionary<string, IReadOnlyList<Versioned>>[] _data;
    private readonly List<(int Owner, string Key, Versioned Value)>[] _hints;
    private readonly bool[] _up;
    private readonly long[] _issued;

    public DynamoCluster(DynamoOptions options, int seed)
    {
        if (options.R < 1 || options.W < 1 || options.R > options.N || options.W > options.N || options.N > options.Nodes)
            throw new ArgumentException($"Need 1 ≤ R, W ≤ N ≤ nodes; got N={options.N}, R={options.R}, W={options.W}, nodes={options.Nodes}.", nameof(options));
        if (options.ClockSkew.Count > options.Nodes)
            throw new ArgumentException($"ClockSkew gives {options.ClockSkew.Count} offsets for {options.Nodes} nodes.", nameof(options));
        Options = options;
        Scheduler = new EventScheduler(seed);
        Ring = new HashRing(options.Nodes, options.VirtualNodes);
        _data = Enumerable.Range(0, options.Nodes).Select(_ => new Dictionary<string, IReadOnlyList<Versioned>>(StringComparer.Ordinal)).ToArray();
        _hints = Enumerable.Range(0, options.Nodes).Select(_ => new List<(int, string, Versioned)>()).ToArray();
        _up = Enumerable.Repeat(true, options.Nodes).ToArray();
        _issued = new long[options.Nodes];
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

    /// <summary>The versions a replica holds right now (empty: nothing), without going through the network.</summary>
    public IReadOnlyList<Versioned> Siblings(int node, string key) => _data[node].GetValueOrDefault(key) ?? [];

    /// <summary>The single version a replica holds, or null (nothing, or siblings).</summary>
    public Versioned? Peek(int node, string key) => Siblings(node, key) is [var only] ? only : null;

    /// <summary>Node <paramref name="node"/>'s clock: the scheduler's time plus its skew.</summary>
    public long ClockOf(int node) => Scheduler.Now + (node < Options.ClockSkew.Count ? Options.ClockSkew[node] : 0);

    /// <summary>Writes through coordinator <paramref name="coordinator"/>; <paramref name="done"/> gets true once W replicas
    /// acknowledged, false on timeout. <paramref name="context"/> is the clock of the versions the client read before
    /// (null: a blind write).</summary>
    public void Put(int coordinator, string key, string value, VectorClock? context, Action<bool> done)
    {
        // The coordinator's entry counts the writes it coordinated, so two writes through it never share a clock.
        context ??= VectorClock.Empty;
        _issued[coordinator] = Math.Max(context[coordinator], _issued[coordinator]) + 1;
        var version = new Versioned(value, ClockOf(coordinator), coordinator, context.With(coordinator, _issued[coordinator]));
        var request = new WriteRequest(key, version, done);
        QuorumWrite(coordinator, request);
        Scheduler.After(Options.RequestTimeout, () => request.Finish(false));
    }

    /// <summary>Sends the version to every target of the key (<see cref="Targets"/>: a fallback carries a hint for the replica it
    /// stands in for); each target stores it (<see cref="Store"/>, <see cref="KeepHint"/>) and acknowledges; the request
    /// succeeds at the W-th acknowledgement.</summary>
    internal void QuorumWrite(int coordinator, WriteRequest request)
    {
        #region Exercise 4.1-2a: a quorum write — send to the N replicas (or their fallbacks), succeed after W acknowledgements (tests: DynamoClusterTests, LeaderlessStoreTests)
        foreach (var (node, hintFor) in Targets(request.Key))
        {
            Send(coordinator, node, () =>
            {
                Store(node, request.Key, [request.Version]);
                if (hintFor is { } owner) KeepHint(node, owner, request.Key, request.Version);
                Send(node, coordinator, () =>
                {
                    if (!request.Finished && ++request.Acks >= Options.W) request.Finish(true);
                });
            });
        }
        #endregion
    }

    /// <summary>Reads through a coordinator; <paramref name="done"/> gets the versions reconciled from the first R replies,
    /// or <see cref="ReadResult.Failed"/> on timeout (unavailable).</summary>
    public void Get(int coordinator, string key, Action<ReadResult> done)
    {
        // Planted bug ReadAnswersFirstReply: the read quorum shrinks to one reply.
        var needed = Options.Bug == LeaderlessBug.ReadAnswersFirstReply ? 1 : Options.R;
        var request = new ReadRequest(key, Targets(key), needed, done);
        QuorumRead(coordinator, request);
        Scheduler.After(Options.RequestTimeout, () =>
        {
            request.Answer(ReadResult.Failed);
            Repair(coordinator, request);
        });
    }

    /// <summary>Asks every target of the key for its versions; once <see cref="ReadRequest.Needed"/> replies are in, answers
    /// with their <see cref="Reconcile"/>d versions; once every target replied, calls <see cref="Repair"/>.</summary>
    internal void QuorumRead(int coordinator, ReadRequest request)
    {
        #region Exercise 4.1-2b: a quorum read — ask the N replicas, answer from the first R replies, repair once all replied (tests: DynamoClusterTests, LeaderlessStoreTests)
        foreach (var (node, _) in request.Targets)
        {
            Send(coordinator, node, () =>
            {
                var siblings = Siblings(node, request.Key);
                Send(node, coordinator, () =>
                {
                    request.Replies.Add((node, siblings));
                    if (request.Replies.Count >= request.Needed)
                        request.Answer(new ReadResult(true, Reconcile([], request.Replies.SelectMany(r => r.Siblings))));
                    if (request.Replies.Count == request.Targets.Count) Repair(coordinator, request);
                });
            });
        }
        #endregion
    }

    /// <summary>Read repair: the newest versions the read saw are written back to every replier that lacked one of them.</summary>
    private void Repair(int coordinator, ReadRequest request)
    {
        // Planted bug SkipReadRepair: stale replicas stay stale until a write reaches them.
        if (request.Repaired || !Options.ReadRepair || Options.Bug == LeaderlessBug.SkipReadRepair) return;
        request.Repaired = true;
        var newest = Reconcile([], request.Replies.SelectMany(r => r.Siblings));
        foreach (var (node, siblings) in request.Replies.Where(r => newest.Any(v => !r.Siblings.Contains(v))))
        {
            ReadRepairsSent++;
            Send(coordinator, node, () => Store(node, request.Key, newest));
        }
    }

    /// <summary>The versions to keep out of <paramref name="kept"/> and <paramref name="incoming"/>: under last-writer-wins the
    /// newest; under vector clocks every version that no other one descends from (duplicates once).</summary>
    public IReadOnlyList<Versioned> Reconcile(IReadOnlyList<Versioned> kept, IEnumerable<Versioned> incoming)
    {
        var result = kept.ToList();
        foreach (var v in incoming)
        {
            if (Options.Versioning == VersioningMode.LastWriterWins)
            {
                if (result.Count == 0 || v.IsNewerThan(result[0])) result = [v];
                continue;
            }
            if (result.Any(k => Order(k, v) is ClockOrder.After or ClockOrder.Equal)) continue; // superseded or already here
            result.RemoveAll(k => Order(k, v) == ClockOrder.Before);
            result.Add(v);
        }
        return result;
    }

    private ClockOrder Order(Versioned a, Versioned b) =>
        // Planted bug ConcurrentVersionsOrderedBySum: a total order where there is only a partial one.
        Options.Bug == LeaderlessBug.ConcurrentVersionsOrderedBySum
            ? a.Clock.Counters.Values.Sum().CompareTo(b.Clock.Counters.Values.Sum()) switch { < 0 => ClockOrder.Before, > 0 => ClockOrder.After, _ => ClockOrder.Equal }
            : a.Clock.Compare(b.Clock);

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

    /// <summary>A replica takes versions in: it keeps what <see cref="Reconcile"/> keeps.</summary>
    private void Store(int node, string key, IReadOnlyList<Versioned> versions) => _data[node][key] = Reconcile(Siblings(node, key), versions);

    /// <summary>A fallback keeps a write it took for a failed replica, to hand it back later.</summary>
    private void KeepHint(int holder, int owner, string key, Versioned version)
    {
        _hints[holder].Add((owner, key, version));
        HintsStored++;
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
                    Store(hint.Owner, hint.Key, [hint.Value]);
                    HintsHandedOff++;
                    // The holder was only keeping the value for the owner.
                    if (!PreferenceList(hint.Key).Contains(holder) && Siblings(holder, hint.Key) is [var only] && only == hint.Value) _data[holder].Remove(hint.Key);
                });
            }
        }
        Scheduler.After(Options.HandoffInterval, HandOffHints);
    }
}
