namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>A transfer across participant databases: its legs sum to zero, so a transfer that is
/// applied atomically (all legs or none) conserves the total across all databases.</summary>
public sealed record Transfer
{
    public Transfer(string id, IReadOnlyList<TransferLeg> legs)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Contains('\'', StringComparison.Ordinal) || id.Length > 120)
            throw new ArgumentException($"Transfer id '{id}' must be non-empty, at most 120 characters and free of quotes (it becomes a GID).", nameof(id));
        if (legs.Count < 2) throw new ArgumentException($"Transfer {id} needs at least two legs, got {legs.Count}.", nameof(legs));
        if (legs.Sum(l => l.Delta) != 0) throw new ArgumentException($"Transfer {id}: the legs sum to {legs.Sum(l => l.Delta)}, not 0.", nameof(legs));
        Id = id;
        Legs = legs;
    }

    public string Id { get; }
    public IReadOnlyList<TransferLeg> Legs { get; }

    /// <summary>The participants this transfer touches, in ascending order (the order of prepare and commit).</summary>
    public IReadOnlyList<int> Participants => Legs.Select(l => l.Participant).Distinct().Order().ToList();
}
