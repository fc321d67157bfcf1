namespace StatelessMind.Labs.Transformation.Project;

/// <summary>A generic test attached to a column in a schema.yml (<c>unique</c>, <c>not_null</c>, <c>accepted_values</c>, <c>relationships</c>).</summary>
/// <param name="Target">The model name, or <c>source_name.table_name</c> when <paramref name="OnSource"/>.</param>
public sealed record DataTestSpec(string Kind, string Target, bool OnSource, string Column, IReadOnlyDictionary<string, object?> Arguments, string File)
{
    public string Name => $"{Kind}_{Target.Replace('.', '_')}_{Column}";
}
