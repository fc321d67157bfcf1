namespace StatelessMind.Labs.Programming.Tests.Sql;

/// <summary>The test classes that need PostgreSQL share one server (SM_POSTGRES or one embedded cluster); each test takes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres (1.3)";
}
