namespace StatelessMind.Labs.Consensus.Raft.KeyValue;

/// <summary>
/// Decides whether a history of Get/Put/Append operations is linearizable against a key-value store,
/// with the Wing–Gong search as Lowe improved it and Porcupine implements it: the history is split per
/// key (linearizability is compositional), each key's calls and returns are laid out in time order in a
/// linked list, and a depth-first search tries to linearize, one by one, calls that are pending before
/// the first return still in the list; a (set of linearized operations, state) pair already explored is
/// never explored again.
/// </summary>
public static class LinearizabilityChecker
{
    /// <summary>The default search budget per key: far above what the experiment's histories need (its report
    /// shows the largest search), so that <see cref="LinearizabilityResult.Unknown"/> is a finding, not a habit.</summary>
    public const long DefaultMaxStepsPerKey = 2_000_000;

    /// <summary>Checks a history key by key. <see cref="LinearizabilityResult.Unknown"/> means the search of some key
    /// ran out of budget: the history is neither proven nor refuted, and callers must not count it as linearizable.</summary>
    public static LinearizabilityResult Check(IReadOnlyList<Operation> history, long maxStepsPerKey = DefaultMaxStepsPerKey) =>
        Check(history, maxStepsPerKey, out _);

    /// <summary>As <see cref="Check(IReadOnlyList{Operation}, long)"/>, also giving the steps of the largest per-key search.</summary>
    public static LinearizabilityResult Check(IReadOnlyList<Operation> history, long maxStepsPerKey, out long largestSearch)
    {
        var result = LinearizabilityResult.Linearizable;
        largestSearch = 0;
        foreach (var partition in history.Where(o => o.Returned || o.Op != KvOp.Get).GroupBy(o => o.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var r = CheckKey([.. partition], maxStepsPerKey, out var steps);
            largestSearch = Math.Max(largestSearch, steps);
            if (r == LinearizabilityResult.NotLinearizable) return r;
            if (r == LinearizabilityResult.Unknown) result = r;
        }
        return result;
    }

    /// <summary>The register model of one key: Get must read the current value; Put sets; Append concatenates.</summary>
    private static bool Step(string state, Operation op, out string next)
    {
        switch (op.Op)
        {
            case KvOp.Get:
                next = state;
                return op.Output == state;
            case KvOp.Put:
                next = op.Value;
                return true;
            default:
                next = state + op.Value;
                return true;
        }
    }

    private sealed class Entry
    {
        public required int Id { get; init; }
        public required bool IsCall { get; init; }
        public required long Time { get; init; }
        public Entry? Match { get; set; }
        public Entry? Prev { get; set; }
        public Entry? Next { get; set; }
    }

    private static LinearizabilityResult CheckKey(List<Operation> ops, long maxSteps, out long steps)
    {
        // The time-ordered list of calls and returns; at equal times calls come first (the operations overlap).
        var entries = new List<Entry>(ops.Count * 2);
        for (var i = 0; i < ops.Count; i++)
        {
            var call = new Entry { Id = i, IsCall = true, Time = ops[i].Call };
            var ret = new Entry { Id = i, IsCall = false, Time = ops[i].Return };
            call.Match = ret;
            entries.Add(call);
            entries.Add(ret);
        }
        entries.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.IsCall == b.IsCall ? a.Id.CompareTo(b.Id) : a.IsCall ? -1 : 1);
        var head = new Entry { Id = -1, IsCall = false, Time = long.MinValue };
        var last = head;
        foreach (var e in entries)
        {
            last.Next = e;
            e.Prev = last;
            last = e;
        }

        var linearized = new bool[ops.Count];
        var cache = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<(Entry Call, string State)>();
        var state = "";
        var entry = head.Next;
        steps = 0;
        while (head.Next is not null)
        {
            if (++steps > maxSteps) return LinearizabilityResult.Unknown;
            if (entry!.IsCall)
            {
                if (Step(state, ops[entry.Id], out var next))
                {
                    linearized[entry.Id] = true;
                    if (cache.Add(Key(linearized, next)))
                    {
                        // Linearize this operation here: take its call and return out of the list.
                        stack.Push((entry, state));
                        state = next;
                        Lift(entry);
                        entry = head.Next;
                        continue;
                    }
                    linearized[entry.Id] = false;
                }
                entry = entry.Next;
            }
            else
            {
                // A return whose call is not linearized yet: undo the last choice and try the next candidate.
                if (stack.Count == 0) return LinearizabilityResult.NotLinearizable;
                var (call, previous) = stack.Pop();
                state = previous;
                linearized[call.Id] = false;
                Unlift(call);
                entry = call.Next;
            }
        }
        return LinearizabilityResult.Linearizable;
    }

    private static void Lift(Entry call)
    {
        call.Prev!.Next = call.Next;
        call.Next!.Prev = call.Prev;
        var ret = call.Match!;
        ret.Prev!.Next = ret.Next;
        if (ret.Next is not null) ret.Next.Prev = ret.Prev;
    }

    private static void Unlift(Entry call)
    {
        var ret = call.Match!;
        ret.Prev!.Next = ret;
        if (ret.Next is not null) ret.Next.Prev = ret;
        call.Prev!.Next = call;
        call.Next!.Prev = call;
    }

    private static string Key(bool[] linearized, string state)
    {
        var chars = new char[(linearized.Length + 15) / 16];
        for (var i = 0; i < linearized.Length; i++)
            if (linearized[i]) chars[i / 16] |= (char)(1 << (i % 16));
        return new string(chars) + "\u0000" + state;
    }
}
