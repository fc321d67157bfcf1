using Npgsql;

namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>
/// The streaming sink's tables. <c>sink_offsets</c> is the source of truth for what has been applied: it is
/// updated in the same transaction as the rows, so "rows written" and "offset advanced" happen together or not at all.
/// </summary>
public static class StreamTables
{
    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS stream_sales (
            event_id          bigint PRIMARY KEY,
            customer_id       bigint NOT NULL,
            event_time        timestamptz NOT NULL,
            product           text NOT NULL,
            quantity          integer NOT NULL,
            unit_price_cents  bigint NOT NULL,
            currency          char(3) NOT NULL,
            country           char(2) NOT NULL,
            kafka_partition   integer NOT NULL,
            kafka_offset      bigint NOT NULL,
            produced_at       timestamptz NOT NULL,
            applied_at        timestamptz NOT NULL DEFAULT clock_timestamp()
        );
        CREATE TABLE IF NOT EXISTS customer_totals (
            customer_id   bigint PRIMARY KEY,
            events        bigint NOT NULL,
            amount_cents  bigint NOT NULL
        );
        CREATE TABLE IF NOT EXISTS sink_offsets (
            consumer_group  text NOT NULL,
            topic           text NOT NULL,
            kafka_partition integer NOT NULL,
            next_offset     bigint NOT NULL,
            PRIMARY KEY (consumer_group, topic, kafka_partition)
        );
        CREATE TABLE IF NOT EXISTS dead_letters (
            topic           text NOT NULL,
            kafka_partition integer NOT NULL,
            kafka_offset    bigint NOT NULL,
            kind            text NOT NULL,
            error           text NOT NULL,
            payload         bytea,
            PRIMARY KEY (topic, kafka_partition, kafka_offset)
        );
        """;

    public static void Ensure(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        // Two sinks starting together may both try to create the tables: serialise them.
        using var tx = connection.BeginTransaction();
        using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(120001)", connection, tx)) lockCmd.ExecuteNonQuery();
        using (var cmd = new NpgsqlCommand(Ddl, connection, tx)) cmd.ExecuteNonQuery();
        tx.Commit();
    }
}
