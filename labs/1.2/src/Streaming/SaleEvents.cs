using Google.Protobuf;
using StatelessMind.Labs.Lifecycle.Protos;

namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>Deterministic sale events for the streaming side, and the checks a value must pass to be applied.</summary>
public static class SaleEvents
{
    private static readonly string[] Products = ["Mug, ceramic", "Wireless charger", "Notebook A5", "Wool scarf", "Oak table"];
    private static readonly string[] Currencies = ["EUR", "USD", "GBP"];
    private static readonly string[] Countries = ["NL", "DE", "FR", "BE"];

    public static List<SaleEvent> Generate(int count, int seed, long firstEventId = 1)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        return [.. Enumerable.Range(0, count).Select(i => new SaleEvent
        {
            EventId = firstEventId + i,
            CustomerId = random.Next(1, 500),
            EventTimeUnixMs = start + random.NextInt64(0, 365L * 24 * 3600 * 1000),
            Product = Products[random.Next(Products.Length)],
            Quantity = random.Next(1, 10),
            UnitPriceCents = random.Next(99, 20_000),
            Currency = Currencies[random.Next(Currencies.Length)],
            Country = Countries[random.Next(Countries.Length)],
        })];
    }

    /// <summary>Decodes a message value: the event, or the dead-letter kind and error that says why it cannot be applied.</summary>
    public static (SaleEvent? Event, DeadLetterKind Kind, string? Error) Decode(byte[]? value)
    {
        if (value is null || value.Length == 0) return (null, DeadLetterKind.Undecodable, "undecodable: empty value");
        SaleEvent decoded;
        try
        {
            decoded = SaleEvent.Parser.ParseFrom(value);
        }
        catch (InvalidProtocolBufferException e)
        {
            return (null, DeadLetterKind.Undecodable, $"undecodable: {e.Message}");
        }
        return Validate(decoded) is { } invalid ? (null, DeadLetterKind.Invalid, $"invalid: {invalid}") : (decoded, DeadLetterKind.Invalid, null);
    }

    /// <summary>Null when the event may be applied, else what is wrong with it.</summary>
    public static string? Validate(SaleEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.EventId <= 0) return $"event_id {e.EventId} is not positive";
        if (e.Quantity <= 0) return $"quantity {e.Quantity} is not positive";
        if (e.UnitPriceCents < 0) return $"unit_price_cents {e.UnitPriceCents} is negative";
        if (e.Currency.Length != 3) return $"currency '{e.Currency}' is not a 3-letter code";
        if (e.Country.Length != 2) return $"country '{e.Country}' is not a 2-letter code";
        return null;
    }
}
