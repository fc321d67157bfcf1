using Npgsql;
using StatelessMind.Labs.Lifecycle.Protos;

namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>
/// The exactly-once check of a sink's database against what was produced. It does not trust the primary key (a
/// <c>count(DISTINCT event_id)</c> on a key cannot differ from <c>count(*)</c>): it compares the set of stored ids with
/// the produced ones, and the non-idempotent running totals per customer with the sums over the produced events,
/// which an event applied twice would push off. Dead letters are compared by kind with the ones the producer
/// planted: a good event dead-lettered as a "duplicate" is a redelivery the sink failed to fence.
/// </summary>
public static class StreamAudit
{
    /// <summary>Every way the stored state differs from exactly once; empty when it is exact.</summary>
    /// <param name="connectionString">The sink's database.</param>
    /// <param name="applied">The valid, distinct events that were produced (each must be applied exactly once).</param>
    /// <param name="expectedDeadLetters">How many dead letters of each kind the producer planted (missing kinds: 0).</param>
    /// <param name="cancellationToken">Stops the queries.</param>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(string connectionString, IReadOnlyCollection<SaleEvent> applied,
        IReadOnlyDictionary<DeadLetterKind, int> expectedDeadLetters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(expectedDeadLetters);
        var problems = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        var expectedIds = applied.Select(e => e.EventId).ToHashSet();
        if (expectedIds.Count != applied.Count) throw new ArgumentException("The produced events repeat an event id; pass the distinct valid events.", nameof(applied));
        var storedIds = new List<long>();
        await using (var ids = new NpgsqlCommand("SELECT event_id FROM stream_sales", connection))
        await using (var reader = await ids.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) storedIds.Add(reader.GetInt64(0));
        var missing = expectedIds.Except(storedIds).ToList();
        var unexpected = storedIds.Where(id => !expectedIds.Contains(id)).ToList();
        if (missing.Count > 0) problems.Add($"{missing.Count} produced events have no row (e.g. event_id {string.Join(", ", missing.Order().Take(5))})");
        if (unexpected.Count > 0) problems.Add($"{unexpected.Count} rows belong to no produced event (e.g. event_id {string.Join(", ", unexpected.Order().Take(5))})");
        if (storedIds.Count != expectedIds.Count) problems.Add($"{storedIds.Count} rows for {expectedIds.Count} produced events");

        var expectedTotals = applied.GroupBy(e => e.CustomerId)
            .ToDictionary(g => g.Key, g => (Events: (long)g.Count(), Amount: g.Sum(e => e.Quantity * e.UnitPriceCents)));
        var storedTotals = new Dictionary<long, (long Events, long Amount)>();
        await using (var totals = new NpgsqlCommand("SELECT customer_id, events, amount_cents FROM customer_totals", connection))
        await using (var reader = await totals.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) storedTotals[reader.GetInt64(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        var wrongTotals = expectedTotals.Keys.Union(storedTotals.Keys)
            .Where(c => expectedTotals.GetValueOrDefault(c) != storedTotals.GetValueOrDefault(c))
            .Order().ToList();
        if (wrongTotals.Count > 0)
        {
            var c = wrongTotals[0];
            problems.Add($"the running totals of {wrongTotals.Count} customers differ from the sums of their events " +
                         $"(customer {c}: stored {storedTotals.GetValueOrDefault(c)}, produced {expectedTotals.GetValueOrDefault(c)})");
        }

        var storedLetters = new Dictionary<DeadLetterKind, int>();
        await using (var letters = new NpgsqlCommand("SELECT kind, count(*)::int FROM dead_letters GROUP BY kind", connection))
        await using (var reader = await letters.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) storedLetters[Enum.Parse<DeadLetterKind>(reader.GetString(0))] = reader.GetInt32(1);
        foreach (var kind in Enum.GetValues<DeadLetterKind>())
        {
            var (want, got) = (expectedDeadLetters.GetValueOrDefault(kind), storedLetters.GetValueOrDefault(kind));
            if (want != got) problems.Add($"{got} dead letters of kind {kind}, {want} planted by the producer");
        }
        return problems;
    }
}
