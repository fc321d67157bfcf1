namespace StatelessMind.Labs.Consensus.Raft.KeyValue;

/// <summary>The checker's answer. <see cref="Unknown"/>: the search hit its step budget before deciding.</summary>
public enum LinearizabilityResult
{
    Linearizable,
    NotLinearizable,
    Unknown,
}
