namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>One quorum write in flight at its coordinator: the acknowledgements so far, and whether it has been answered.</summary>
internal sealed class WriteRequest(string key, Versioned version, Action<bool> done)
{
    public string Key { get; } = key;
    public Versioned Version { get; } = version;
    public int Acks { get; set; }
    public bool Finished { get; private set; }

    /// <summary>Answers the client once: true (W acknowledgements) or false (timeout).</summary>
    public void Finish(bool acknowledged)
    {
        if (Finished) return;
        Finished = true;
        done(acknowledged);
    }
}
