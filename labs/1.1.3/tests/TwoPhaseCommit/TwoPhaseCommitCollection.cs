namespace StatelessMind.Labs.Consensus.Tests.TwoPhaseCommit;

/// <summary>The 2PC test classes share one <see cref="TwoPhaseCommitFixture"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class TwoPhaseCommitCollection : ICollectionFixture<TwoPhaseCommitFixture>
{
    public const string Name = "two-phase commit clusters";
}
