namespace StatelessMind.Labs.Orchestration.Tests;

/// <summary>The test classes that need a PostgreSQL share one (SM_POSTGRES or one embedded cluster); each test takes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
