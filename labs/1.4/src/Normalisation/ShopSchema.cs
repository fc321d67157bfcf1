using System.Reflection;
using Npgsql;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Relational.Normalisation;

/// <summary>The DDL of <c>labs/1.4/sql</c>, embedded in the assembly, and applying it to a database.</summary>
public static class ShopSchema
{
    /// <summary>sql/schema.sql: the shop in third normal form.</summary>
    public static string Normalised { get; } = Read("sql/schema.sql");

    /// <summary>sql/denormalised.sql: the same data as one wide table.</summary>
    public static string Denormalised { get; } = Read("sql/denormalised.sql");

    /// <summary>The tables of the normalised schema, parents before children.</summary>
    public static IReadOnlyList<string> NormalisedTables { get; } = ["category", "customer", "product", "purchase_order", "order_line"];

    /// <summary>Runs a DDL script in one transaction: it creates everything or nothing.</summary>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, string ddl, CancellationToken cancellationToken = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await using (var cmd = new NpgsqlCommand(ddl, conn, tx)) await cmd.ExecuteNonQueryAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Applies schema.sql unless the database already has its tables.</summary>
    public static async Task EnsureNormalisedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        if (await Sql.ScalarAsync<bool>(dataSource, "SELECT to_regclass('order_line') IS NOT NULL", cancellationToken)) return;
        await ApplyAsync(dataSource, Normalised, cancellationToken);
    }

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"The lab assembly does not embed {name}; check the EmbeddedResource item in Relational.csproj.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
