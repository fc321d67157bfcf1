using Npgsql;
using StatelessMind.Labs.DimensionalModeling.SlowlyChanging;

namespace StatelessMind.Labs.DimensionalModeling.Tests.SlowlyChanging;

/// <summary>The two history queries on a small hand-written history whose answers are known.</summary>
[Collection(PostgresCollection.Name)]
[Goal("2.1-2")]
public sealed class ScdHistoryAuditTests(PostgresFixture postgres)
{
    private async Task<NpgsqlConnection> HistoryAsync()
    {
        var connection = new NpgsqlConnection(await postgres.CreateDatabaseAsync("history"));
        await connection.OpenAsync();
        await using var setup = new NpgsqlCommand("""
            create table h (customer_id int, segment text, city text, dbt_scd_id text, dbt_valid_from timestamp, dbt_valid_to timestamp);
            insert into h values
              (1, 'consumer', 'Avalon', 'a', '2024-01-01', '2024-02-01'),
              (1, 'corporate', 'Avalon', 'b', '2024-02-01', null),       -- closed exactly where the next one starts: no overlap
              (2, 'consumer', 'Dunmore', 'c', '2024-01-01', null),
              (2, 'corporate', 'Dunmore', 'd', '2024-03-01', null),      -- two current versions: both overlap
              (3, 'consumer', 'Eastport', 'e', '2024-01-01', '2024-03-01'),
              (3, 'consumer', 'Glenrock', 'f', '2024-02-15', null),      -- starts before the first one ends: both overlap
              (4, 'consumer', 'Fairhaven', 'g', '2024-01-01', '2024-02-10'); -- deleted on 10 February
            """, connection);
        await setup.ExecuteNonQueryAsync();
        return connection;
    }

    [Fact]
    public async Task Overlapping_versions_are_counted_and_adjacent_ones_are_not()
    {
        await using var connection = await HistoryAsync();

        Assert.Equal(4, await ScdHistoryAudit.OverlapsAsync(connection, "h", CancellationToken.None));
    }

    [Fact]
    public async Task The_versions_valid_at_a_moment_start_at_or_before_it_and_end_after_it()
    {
        await using var connection = await HistoryAsync();

        var feb1 = await ScdHistoryAudit.AsOfAsync(connection, "h", new DateTime(2024, 2, 1), CancellationToken.None);
        Assert.Equal([(1, "corporate", "Avalon"), (2, "consumer", "Dunmore"), (3, "consumer", "Eastport"), (4, "consumer", "Fairhaven")], feb1);
        var feb10 = await ScdHistoryAudit.AsOfAsync(connection, "h", new DateTime(2024, 2, 10), CancellationToken.None);
        Assert.DoesNotContain(feb10, v => v.CustomerId == 4); // valid_to is exclusive
        var jan1 = await ScdHistoryAudit.AsOfAsync(connection, "h", new DateTime(2023, 12, 31), CancellationToken.None);
        Assert.Empty(jan1);
    }
}
