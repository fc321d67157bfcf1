using Npgsql;

namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>The PostgreSQL tables of the ingestion lab (created if missing).</summary>
public static class SalesTables
{
    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS sales_events (
            event_id     bigint PRIMARY KEY,
            customer_id  bigint NOT NULL,
            event_time   timestamptz NOT NULL,
            product      text NOT NULL,
            quantity     integer NOT NULL CHECK (quantity > 0),
            unit_price   numeric(12,2) NOT NULL CHECK (unit_price >= 0),
            currency     char(3) NOT NULL,
            country      char(2) NOT NULL,
            source_file  text NOT NULL,
            source_line  bigint NOT NULL
        );
        CREATE TABLE IF NOT EXISTS quarantine (
            source_file  text NOT NULL,
            line_number  bigint NOT NULL,
            kind         text NOT NULL,
            reason       text NOT NULL,
            raw_line     text NOT NULL,
            PRIMARY KEY (source_file, line_number)
        );
        CREATE TABLE IF NOT EXISTS ingest_runs (
            run_id          bigserial PRIMARY KEY,
            source_file     text NOT NULL,
            file_sha256     text NOT NULL,
            input_rows      bigint NOT NULL,
            accepted        bigint NOT NULL,
            rejected        bigint NOT NULL,
            inserted        bigint NOT NULL,
            started_at      timestamptz NOT NULL,
            finished_at     timestamptz NOT NULL DEFAULT now(),
            CHECK (accepted + rejected = input_rows)
        );
        """;

    public static async Task EnsureAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        await using var cmd = new NpgsqlCommand(Ddl, connection);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
