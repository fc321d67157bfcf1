using Google.Protobuf;
using StatelessMind.Labs.Lifecycle.Protos;
using StatelessMind.Labs.Lifecycle.Streaming;

namespace StatelessMind.Labs.Lifecycle.Tests;

/// <summary>1.2-1e: what a batch does, decided without Kafka or PostgreSQL: the fence, dead letters, duplicates, the next offsets.</summary>
public sealed class SinkBatchClassifierTests
{
    private static readonly IReadOnlyDictionary<long, EventLocation> NothingApplied = new Dictionary<long, EventLocation>();

    private static SinkMessage Message(int partition, long offset, SaleEvent e) => new("sales", partition, offset, e.CustomerId, e.ToByteArray());

    private static SaleEvent Event(long id, long customer = 1, int quantity = 2) =>
        new() { EventId = id, CustomerId = customer, Quantity = quantity, UnitPriceCents = 250, Currency = "EUR", Country = "NL", Product = "Mug" };

    [Fact]
    [Goal("1.2-1")]
    public void Messages_below_the_stored_offset_are_skipped_and_the_rest_advance_the_offset()
    {
        var batch = Enumerable.Range(10, 6).Select(o => Message(0, o, Event(o))).ToList();

        var plan = SinkBatchClassifier.Classify(batch, new Dictionary<int, long> { [0] = 13 }, _ => NothingApplied);

        Assert.Equal(3, plan.Skipped);                                        // offsets 10, 11, 12 were applied before
        Assert.Equal([13L, 14L, 15L], plan.Apply.Select(a => a.Source.Offset));
        Assert.Equal([13L, 14L, 15L], plan.Apply.Select(a => a.Event.EventId));
        Assert.Equal(16, plan.NextOffsets[0]);
        Assert.Empty(plan.DeadLetters);
    }

    [Fact]
    [Goal("1.2-1")]
    public void Each_partition_has_its_own_fence_and_a_fully_applied_partition_does_not_move()
    {
        var batch = new[] { Message(1, 7, Event(107)), Message(0, 3, Event(3)), Message(1, 6, Event(106)), Message(2, 0, Event(200)), Message(0, 2, Event(2)) };

        var plan = SinkBatchClassifier.Classify(batch, new Dictionary<int, long> { [0] = 5, [1] = 7 }, _ => NothingApplied);

        Assert.Equal(3, plan.Skipped);                                        // 0:2, 0:3 and 1:6
        Assert.Equal([(1, 7L), (2, 0L)], plan.Apply.Select(a => (a.Source.Partition, a.Source.Offset)));
        Assert.Equal(new Dictionary<int, long> { [1] = 8, [2] = 1 }, plan.NextOffsets);
    }

    [Fact]
    [Goal("1.2-1")]
    public void Undecodable_and_invalid_values_are_dead_lettered_with_their_error_and_still_consumed()
    {
        var batch = new[]
        {
            Message(0, 0, Event(1)),
            new SinkMessage("sales", 0, 1, 7, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
            new SinkMessage("sales", 0, 2, 7, []),
            Message(0, 3, Event(4, quantity: 0)),
            Message(0, 4, Event(5)),
        };

        var plan = SinkBatchClassifier.Classify(batch, new Dictionary<int, long>(), _ => NothingApplied);

        Assert.Equal([1L, 5L], plan.Apply.Select(a => a.Event.EventId));
        Assert.Equal([(1L, DeadLetterKind.Undecodable), (2L, DeadLetterKind.Undecodable), (3L, DeadLetterKind.Invalid)],
            plan.DeadLetters.Select(d => (d.Source.Offset, d.Kind)));
        Assert.StartsWith("undecodable: ", plan.DeadLetters[0].Error, StringComparison.Ordinal);
        Assert.Equal("undecodable: empty value", plan.DeadLetters[1].Error);
        Assert.Equal("invalid: quantity 0 is not positive", plan.DeadLetters[2].Error);
        Assert.Equal(5, plan.NextOffsets[0]);
    }

    [Fact]
    [Goal("1.2-1")]
    public void An_event_id_already_applied_or_repeated_in_the_batch_is_a_duplicate_naming_where_it_was_applied()
    {
        var applied = new Dictionary<long, EventLocation> { [42] = new(3, 17) };
        var asked = new List<long>();
        var batch = new[] { Message(0, 0, Event(41)), Message(0, 1, Event(42)), Message(1, 0, Event(43)), Message(1, 1, Event(41)) };

        var plan = SinkBatchClassifier.Classify(batch, new Dictionary<int, long>(), ids =>
        {
            asked.AddRange(ids);
            return applied.Where(kv => ids.Contains(kv.Key)).ToDictionary();
        });

        Assert.Equal([41L, 42L, 43L], asked.Order());                         // one look-up with every candidate, once each
        Assert.Equal([41L, 43L], plan.Apply.Select(a => a.Event.EventId));
        Assert.Equal(
            [
                (1L, "duplicate: event_id 42 was already applied from partition 3 offset 17"),
                (1L, "duplicate: event_id 41 was already applied from partition 0 offset 0"),
            ],
            plan.DeadLetters.Select(d => (d.Source.Offset, d.Error)));
        Assert.All(plan.DeadLetters, d => Assert.Equal(DeadLetterKind.Duplicate, d.Kind));
        Assert.Equal(new Dictionary<int, long> { [0] = 2, [1] = 2 }, plan.NextOffsets);
    }

    [Fact]
    [Goal("1.2-1")]
    public void Skipped_messages_are_not_looked_up_and_a_batch_of_skipped_messages_writes_nothing()
    {
        var batch = new[] { Message(0, 0, Event(1)), Message(0, 1, Event(2)) };

        var plan = SinkBatchClassifier.Classify(batch, new Dictionary<int, long> { [0] = 2 },
            _ => throw new InvalidOperationException("nothing to look up"));

        Assert.Equal(2, plan.Skipped);
        Assert.Empty(plan.Apply);
        Assert.Empty(plan.DeadLetters);
        Assert.Empty(plan.NextOffsets);
    }
}
