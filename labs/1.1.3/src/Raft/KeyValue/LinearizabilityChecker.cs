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
    public static LinearizabilityResult Check(IReadOnlyList<Operation> history, long maxStepsPerKey = 2_000_000)
    {
        var result = LinearizabilityResult.Linearizable;
        foreach (var partition in history.Where(o => o.Returned || o.Op != KvOp.Get).GroupBy(o => o.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var r = CheckKey([.. partition], maxStepsPerKey);
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

    private static LinearizabilityResult CheckKey(List<Operation> ops, long maxSteps)
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
        long steps = 0;
        #region Exercise 1.1.3-3: the Wing–Gong–Lowe search with memoization
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
        #endregion
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
