using Npgsql;
using StatelessMind.Labs.Lifecycle.Protos;
using StatelessMind.Labs.Lifecycle.Streaming;

namespace StatelessMind.Labs.Lifecycle.Tests;

/// <summary>1.2-1f: one batch's writes in one transaction, without Kafka: rows, running totals, dead letters and offsets together or not at all.</summary>
public sealed class SinkWriterTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static SinkMessage Source(int partition, long offset) => new("sales", partition, offset, 1, [1]);

    private static AppliedEvent Applied(long id, long customer, int quantity, long cents, int partition, long offset) =>
        new(new SaleEvent { EventId = id, CustomerId = customer, Quantity = quantity, UnitPriceCents = cents, Currency = "EUR", Country = "NL", Product = "Mug", EventTimeUnixMs = 1_700_000_000_000 },
            Source(partition, offset));

    private static SinkBatchPlan Plan(long firstOffset) => new(
        [Applied(firstOffset + 1, 7, 2, 250, 0, firstOffset), Applied(firstOffset + 2, 7, 1, 1_000, 0, firstOffset + 1), Applied(firstOffset + 3, 8, 3, 99, 1, firstOffset)],
        [new DeadLetter(Source(1, firstOffset + 1), DeadLetterKind.Invalid, "invalid: quantity 0 is not positive")],
        new Dictionary<int, long> { [0] = firstOffset + 2, [1] = firstOffset + 2 },
        0);

    private static async Task<string> NewDatabaseAsync(PostgresFixture postgres)
    {
        var db = await postgres.CreateDatabaseAsync("writer");
        StreamTables.Ensure(db);
        return db;
    }

    private static Task<string> StateAsync(string db) => Sql.ScalarAsync<string>(db, """
        SELECT format('rows %s; totals %s; dead letters %s; offsets %s',
            (SELECT string_agg(format('%s@%s:%s', event_id, kafka_partition, kafka_offset), ' ' ORDER BY event_id) FROM stream_sales),
            (SELECT string_agg(format('%s=%s/%s', customer_id, events, amount_cents), ' ' ORDER BY customer_id) FROM customer_totals),
            (SELECT string_agg(format('%s:%s %s', kafka_partition, kafka_offset, kind), ' ' ORDER BY kafka_offset) FROM dead_letters),
            (SELECT string_agg(format('%s=%s', kafka_partition, next_offset), ' ' ORDER BY kafka_partition) FROM sink_offsets))
        """);

    [Fact]
    [Goal("1.2-1")]
    public async Task A_committed_batch_writes_rows_totals_dead_letters_and_offsets_and_the_totals_keep_adding()
    {
        var db = await NewDatabaseAsync(postgres);
        var published = new List<DeadLetter>();
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();

        foreach (var first in new long[] { 0, 10 })
        {
            await using var tx = await connection.BeginTransactionAsync();
            SinkWriter.Write(connection, tx, Plan(first), "g", "sales", published.Add);
            await tx.CommitAsync();
        }

        Assert.Equal(
            "rows 1@0:0 2@0:1 3@1:0 11@0:10 12@0:11 13@1:10; totals 7=4/3000 8=2/594; dead letters 1:1 Invalid 1:11 Invalid; offsets 0=12 1=12",
            await StateAsync(db));
        Assert.Equal([1L, 11L], published.Select(p => p.Source.Offset));
    }

    [Fact]
    [Goal("1.2-1")]
    public async Task A_batch_whose_transaction_does_not_commit_leaves_nothing()
    {
        var db = await NewDatabaseAsync(postgres);
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        var before = await StateAsync(db);

        await using (var tx = await connection.BeginTransactionAsync())
        {
            SinkWriter.Write(connection, tx, Plan(0), "g", "sales", _ => { });
            await tx.RollbackAsync();
        }

        Assert.Equal("rows ; totals ; dead letters ; offsets ", before);
        Assert.Equal(before, await StateAsync(db));
    }
}
