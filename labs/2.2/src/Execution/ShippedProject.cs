using Npgsql;

namespace StatelessMind.Labs.Transformation.Execution;

/// <summary>
/// The dbt project and CI files that travel beside the assembly (dbt/, ci/): a fresh copy to build, and the
/// operational source data (ci/retail_ops.sql, the file the CI workflow loads) with a chosen number of orders.
/// </summary>
public static class ShippedProject
{
    public const int DefaultOrders = 2000;

    public static string Directory(string name) => Path.Combine(Path.GetDirectoryName(typeof(DbtRunner).Assembly.Location)!, name);

    /// <summary>A copy of the shipped dbt project in a new temporary folder (the caller deletes it).</summary>
    public static string Copy()
    {
        var shipped = Directory("dbt");
        var copy = Path.Combine(Path.GetTempPath(), $"sm-dbt-{Guid.NewGuid():N}");
        foreach (var file in System.IO.Directory.EnumerateFiles(shipped, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(copy, Path.GetRelativePath(shipped, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
        return copy;
    }

    /// <summary>Creates the schema retail_ops and its rows; <paramref name="orders"/> replaces the file's order count.</summary>
    public static async Task LoadSourcesAsync(string connectionString, int orders = DefaultOrders, CancellationToken cancellationToken = default)
    {
        var sql = File.ReadAllText(Path.Combine(Directory("ci"), "retail_ops.sql"));
        var marker = $"generate_series(1, {DefaultOrders}) as o; -- orders";
        if (!sql.Contains(marker, StringComparison.Ordinal)) throw new InvalidOperationException($"ci/retail_ops.sql no longer holds '{marker}'");
        sql = sql.Replace(marker, $"generate_series(1, {orders}) as o;", StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
