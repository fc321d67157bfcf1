namespace StatelessMind.Labs.Lifecycle.Tests.Quality;

/// <summary>The 1.2-2 test classes that need PostgreSQL share one server; each takes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class QualityPostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "1.2-2 PostgreSQL";
}
