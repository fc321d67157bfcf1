namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>
/// Decides what a batch does, before anything is written: the fence (messages below the partition's stored
/// offset were applied by an earlier transaction and are skipped), decoding and validation (failures are
/// dead-lettered), and duplicate event ids (an id already applied, or earlier in this batch, is dead-lettered
/// instead of failing the batch on the primary key). A pure function: the caller locks the stored offsets and
/// looks the event ids up in the same transaction.
/// </summary>
public static class SinkBatchClassifier
{
    /// <param name="messages">The batch, in any order (several partitions).</param>
    /// <param name="storedNextOffsets">The next offset to apply per partition, as locked in the batch's transaction; a
    /// partition without an entry has applied nothing yet.</param>
    /// <param name="alreadyApplied">Given candidate event ids, returns those already in the table and where each came from.</param>
    public static SinkBatchPlan Classify(IReadOnlyList<SinkMessage> messages, IReadOnlyDictionary<int, long> storedNextOffsets,
        Func<IReadOnlyCollection<long>, IReadOnlyDictionary<long, EventLocation>> alreadyApplied)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(storedNextOffsets);
        ArgumentNullException.ThrowIfNull(alreadyApplied);
        #region Exercise 1.2-1e: skip what the stored offsets say is applied; dead-letter undecodable, invalid and duplicate events; compute the next offsets (tests: SinkBatchClassifierTests, StreamingIngestionTests.A_*)
        var next = new Dictionary<int, long>();
        var decoded = new List<(SinkMessage Source, Protos.SaleEvent? Event, DeadLetterKind Kind, string? Error)>();
        long skipped = 0;
        foreach (var message in messages.OrderBy(m => m.Partition).ThenBy(m => m.Offset))
        {
            var fence = storedNextOffsets.GetValueOrDefault(message.Partition, 0);
            if (message.Offset < fence)
            {
                skipped++;
                continue;
            }
            next[message.Partition] = Math.Max(next.GetValueOrDefault(message.Partition, fence), message.Offset + 1);
            var (saleEvent, kind, error) = SaleEvents.Decode(message.Value);
            decoded.Add((message, saleEvent, kind, error));
        }

        var candidates = decoded.Where(d => d.Event is not null).Select(d => d.Event!.EventId).Distinct().ToList();
        var applied = candidates.Count == 0 ? new Dictionary<long, EventLocation>() : alreadyApplied(candidates);
        var firstInBatch = new Dictionary<long, EventLocation>();
        var apply = new List<AppliedEvent>();
        var letters = new List<DeadLetter>();
        foreach (var (source, saleEvent, kind, error) in decoded)
        {
            if (saleEvent is null)
            {
                letters.Add(new DeadLetter(source, kind, error!));
                continue;
            }
            var id = saleEvent.EventId;
            if (applied.TryGetValue(id, out var earlier) || firstInBatch.TryGetValue(id, out earlier))
            {
                letters.Add(new DeadLetter(source, DeadLetterKind.Duplicate, $"duplicate: event_id {id} was already applied from {earlier}"));
                continue;
            }
            firstInBatch[id] = source.Location;
            apply.Add(new AppliedEvent(saleEvent, source));
        }
        return new SinkBatchPlan(apply, letters, next, skipped);
        #endregion
    }
}
