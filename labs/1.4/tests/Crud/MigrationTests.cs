using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using StatelessMind.Labs.Relational.Crud;
using StatelessMind.Labs.Relational.Crud.EfCore;
using StatelessMind.Labs.Relational.Normalisation;

namespace StatelessMind.Labs.Relational.Tests.Crud;

/// <summary>The checked-in EF Core migration builds exactly the schema of sql/schema.sql, is recorded, and can be rolled back.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresFixture postgres, ITestOutputHelper output)
{
    // Every table, column (type, nullability, default, identity), constraint (definition) and index of schema public.
    private const string Catalog = """
        SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
               || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
               || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
               || CASE a.attidentity WHEN 'a' THEN ' identity always' WHEN 'd' THEN ' identity by default' ELSE '' END
          FROM pg_attribute a
          JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
          JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
          LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '__EFMigrationsHistory'
        UNION ALL
        SELECT 'constraint ' || c.relname || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid)
          FROM pg_constraint k
          JOIN pg_class c ON c.oid = k.conrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
         WHERE c.relname <> '__EFMigrationsHistory'
        UNION ALL
        SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
        ORDER BY 1
        """;

    [Fact]
    [Goal("1.4-3")]
    public async Task The_migration_builds_the_same_schema_as_the_ddl()
    {
        var fromDdl = await postgres.CreateDatabaseAsync("ddl");
        await using (var dataSource = NpgsqlDataSource.Create(fromDdl)) await ShopSchema.ApplyAsync(dataSource, ShopSchema.Normalised);
        var fromMigration = await postgres.CreateDatabaseAsync("migration");
        await (await EfCoreShopRepository.OpenAsync(fromMigration)).DisposeAsync();

        var expected = await DescribeAsync(fromDdl);
        var actual = await DescribeAsync(fromMigration);

        Assert.True(expected.Count > 40, $"the catalog query found only {expected.Count} items");
        Assert.True(expected.SequenceEqual(actual),
            "schema differs:\n  only in sql/schema.sql: " + string.Join("\n    ", expected.Except(actual)) +
            "\n  only in the migration: " + string.Join("\n    ", actual.Except(expected)));
        output.WriteLine($"{expected.Count} catalog items identical, e.g.\n  {string.Join("\n  ", expected.Where(e => e.Contains("product", StringComparison.Ordinal)).Take(12))}");
    }

    [Fact]
    [Goal("1.4-3")]
    public async Task The_migration_is_recorded_applied_once_and_can_be_rolled_back()
    {
        var connectionString = await postgres.CreateDatabaseAsync("migrate");
        await (await EfCoreShopRepository.OpenAsync(connectionString)).DisposeAsync();
        await (await EfCoreShopRepository.OpenAsync(connectionString)).DisposeAsync(); // nothing left to apply: a no-op

        await using var db = new ShopDbContext(new DbContextOptionsBuilder<ShopDbContext>().UseNpgsql(connectionString).Options);
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.Single(applied);
        Assert.EndsWith("_InitialShop", applied[0], StringComparison.Ordinal);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());

        await db.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase); // run Down()
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
        Assert.DoesNotContain(await DescribeAsync(connectionString), e => e.StartsWith("column product.", StringComparison.Ordinal));
    }

    private static async Task<List<string>> DescribeAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var cmd = dataSource.CreateCommand(Catalog);
        await using var reader = await cmd.ExecuteReaderAsync();
        var items = new List<string>();
        while (await reader.ReadAsync()) items.Add(reader.GetString(0));
        return items;
    }
}
