namespace StatelessMind.Labs.Lifecycle.Tests.Serving;

/// <summary>The serving test classes share one PostgreSQL, one warehouse and one host (and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class ServingCollection : ICollectionFixture<ServingFixture>
{
    public const string Name = "serving";
}
