using Avro;

namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>A candidate next version of a schema, with what it changes.</summary>
public sealed record ProposedChange(string Name, string Description, Schema Schema);
