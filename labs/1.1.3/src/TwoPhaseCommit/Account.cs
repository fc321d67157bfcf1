namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>A bank account held by one participant database (EF Core entity, table <c>accounts</c>).</summary>
public sealed class Account
{
    public int Id { get; set; }
    public string Owner { get; set; } = "";
    public long Balance { get; set; }
}
