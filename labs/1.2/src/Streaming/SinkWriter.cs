using Npgsql;
using NpgsqlTypes;

namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>
/// Writes one batch's plan inside the batch's transaction: the rows (binary COPY), the running totals per
/// customer (deliberately not idempotent: an event applied twice shows there), the dead letters and the
/// advanced offsets. Nothing here commits: the caller does, once, for all of it.
/// </summary>
public static class SinkWriter
{
    /// <summary>The ids among <paramref name="eventIds"/> already in <c>stream_sales</c>, and where each was applied from.</summary>
    public static Dictionary<long, EventLocation> FindApplied(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<long> eventIds)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        using var cmd = new NpgsqlCommand("SELECT event_id, kafka_partition, kafka_offset FROM stream_sales WHERE event_id = ANY($1)", connection, transaction);
        cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. eventIds] });
        var found = new Dictionary<long, EventLocation>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) found[reader.GetInt64(0)] = new EventLocation(reader.GetInt32(1), reader.GetInt64(2));
        return found;
    }

    /// <param name="connection">The batch's connection.</param>
    /// <param name="transaction">The batch's open transaction.</param>
    /// <param name="plan">What to write.</param>
    /// <param name="group">The consumer group whose offsets advance.</param>
    /// <param name="topic">The topic whose offsets advance.</param>
    /// <param name="publish">Sends a dead letter to the dead-letter topic and waits for the broker's acknowledgement.</param>
    public static void Write(NpgsqlConnection connection, NpgsqlTransaction transaction, SinkBatchPlan plan, string group, string topic, Action<DeadLetter> publish)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(publish);
        #region Exercise 1.2-1f: in the batch's transaction write the rows (binary COPY), the running totals, the dead letters and the advanced offsets (tests: SinkWriterTests, SinkOffsetStoreTests.A_second_transaction*, StreamingIngestionTests.A_*)
        if (plan.Apply.Count > 0)
        {
            using (var copy = connection.BeginBinaryImport(
                       "COPY stream_sales (event_id, customer_id, event_time, product, quantity, unit_price_cents, currency, country, kafka_partition, kafka_offset, produced_at) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var (e, source) in plan.Apply)
                {
                    copy.StartRow();
                    copy.Write(e.EventId, NpgsqlDbType.Bigint);
                    copy.Write(e.CustomerId, NpgsqlDbType.Bigint);
                    copy.Write(DateTimeOffset.FromUnixTimeMilliseconds(e.EventTimeUnixMs).UtcDateTime, NpgsqlDbType.TimestampTz);
                    copy.Write(e.Product, NpgsqlDbType.Text);
                    copy.Write(e.Quantity, NpgsqlDbType.Integer);
                    copy.Write(e.UnitPriceCents, NpgsqlDbType.Bigint);
                    copy.Write(e.Currency, NpgsqlDbType.Char);
                    copy.Write(e.Country, NpgsqlDbType.Char);
                    copy.Write(source.Partition, NpgsqlDbType.Integer);
                    copy.Write(source.Offset, NpgsqlDbType.Bigint);
                    copy.Write(DateTime.UnixEpoch.AddTicks(e.ProducedAtUnixUs * 10), NpgsqlDbType.TimestampTz);
                }
                copy.Complete();
            }

            // Running totals: added to, never recomputed, so an event applied twice would be counted twice.
            var perCustomer = plan.Apply.GroupBy(a => a.Event.CustomerId)
                .Select(g => (Customer: g.Key, Events: (long)g.Count(), Amount: g.Sum(a => a.Event.Quantity * a.Event.UnitPriceCents)))
                .ToList();
            using var totals = new NpgsqlCommand("""
                INSERT INTO customer_totals (customer_id, events, amount_cents)
                SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[])
                ON CONFLICT (customer_id) DO UPDATE
                   SET events = customer_totals.events + EXCLUDED.events,
                       amount_cents = customer_totals.amount_cents + EXCLUDED.amount_cents
                """, connection, transaction);
            totals.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. perCustomer.Select(p => p.Customer)] });
            totals.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. perCustomer.Select(p => p.Events)] });
            totals.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. perCustomer.Select(p => p.Amount)] });
            totals.ExecuteNonQuery();
        }

        // A dead letter is acknowledged by the broker before this transaction commits: if the commit then fails, it is
        // sent again on retry (at least once on the topic; its headers identify a repeat); the table holds it once.
        foreach (var letter in plan.DeadLetters)
        {
            publish(letter);
            using var record = new NpgsqlCommand("""
                INSERT INTO dead_letters (topic, kafka_partition, kafka_offset, kind, error, payload) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT DO NOTHING
                """, connection, transaction);
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = letter.Source.Topic });
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = letter.Source.Partition });
            record.Parameters.Add(new NpgsqlParameter<long> { TypedValue = letter.Source.Offset });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = letter.Kind.ToString() });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = letter.Error });
            record.Parameters.Add(new NpgsqlParameter { Value = (object?)letter.Source.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
            record.ExecuteNonQuery();
        }

        if (plan.NextOffsets.Count > 0)
        {
            var advanced = plan.NextOffsets.OrderBy(kv => kv.Key).ToList();
            using var offsets = new NpgsqlCommand("""
                INSERT INTO sink_offsets (consumer_group, topic, kafka_partition, next_offset)
                SELECT $1, $2, p, n FROM unnest($3::int[], $4::bigint[]) AS o (p, n)
                ON CONFLICT (consumer_group, topic, kafka_partition) DO UPDATE SET next_offset = EXCLUDED.next_offset
                """, connection, transaction);
            offsets.Parameters.Add(new NpgsqlParameter<string> { TypedValue = group });
            offsets.Parameters.Add(new NpgsqlParameter<string> { TypedValue = topic });
            offsets.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. advanced.Select(kv => kv.Key)] });
            offsets.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. advanced.Select(kv => kv.Value)] });
            offsets.ExecuteNonQuery();
        }
        #endregion
    }
}
