using StatelessMind.Labs.Transformation.Jinja;

namespace StatelessMind.Labs.Transformation.Execution;

/// <summary>A table or view a ref/source/this resolves to; renders as <c>"schema"."identifier"</c>.</summary>
public sealed record Relation(string Schema, string Identifier) : IJinjaObject
{
    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "schema" => Schema,
            "identifier" or "name" or "table" => Identifier,
            _ => null,
        };
        return value is not null;
    }

    public override string ToString() => $"\"{Schema}\".\"{Identifier}\"";
}
