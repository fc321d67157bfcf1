namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>
/// One reason a reader schema cannot read a writer schema's data, at <paramref name="Path"/>: the field path
/// from the root record, e.g. <c>Customer.contact[Phone].number</c> (<c>[Branch]</c> is a union branch,
/// <c>[]</c> an array's items, <c>{}</c> a map's values).
/// </summary>
public sealed record Incompatibility(string Path, IncompatibilityKind Kind, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
