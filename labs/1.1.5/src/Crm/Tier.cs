namespace StatelessMind.Labs.Encoding.Crm;

/// <summary>The Avro enum <c>StatelessMind.Labs.Encoding.Crm.Tier</c> as of v8 (symbol names must match the schema's).</summary>
#pragma warning disable CA1707 // Avro symbols are upper case by convention; Apache.Avro maps them by name.
public enum Tier
{
    BRONZE,
    SILVER,
    GOLD,
    PLATINUM,
    DIAMOND,
}
#pragma warning restore CA1707
