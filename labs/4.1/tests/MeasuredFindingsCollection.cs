namespace StatelessMind.Labs.DatabaseTheory.Tests;

/// <summary>The tests that read the measured findings share one <see cref="MeasuredFindingsFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class MeasuredFindingsCollection : ICollectionFixture<MeasuredFindingsFixture>
{
    public const string Name = "measured findings";
}
