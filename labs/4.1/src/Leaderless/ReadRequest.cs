namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>One quorum read in flight at its coordinator: where it was sent, how many replies it needs, the replies so far.</summary>
internal sealed class ReadRequest(string key, IReadOnlyList<(int Node, int? HintFor)> targets, int needed, Action<ReadResult> done)
{
    public string Key { get; } = key;
    public IReadOnlyList<(int Node, int? HintFor)> Targets { get; } = targets;

    /// <summary>Replies to wait for before answering (R).</summary>
    public int Needed { get; } = needed;

    public List<(int Node, IReadOnlyList<Versioned> Siblings)> Replies { get; } = [];
    public bool Answered { get; private set; }
    public bool Repaired { get; set; }

    /// <summary>Answers the client once.</summary>
    public void Answer(ReadResult result)
    {
        if (Answered) return;
        Answered = true;
        done(result);
    }
}
