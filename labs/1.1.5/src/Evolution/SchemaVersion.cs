using Avro;

namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>One published version of a schema: its number, what changed, and the parsed Avro schema.</summary>
public sealed record SchemaVersion(int Version, string Change, Schema Schema)
{
    public override string ToString() => $"v{Version}";
}
