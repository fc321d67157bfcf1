namespace StatelessMind.Labs.Transformation.Graph;

/// <summary>A <c>--select</c> names a node the project does not have.</summary>
public sealed class UnknownNodeException(string selector, string name)
    : Exception($"--select '{selector}': the project has no model, seed or snapshot named '{name}'")
{
    public string Selector { get; } = selector;

    public string Name { get; } = name;
}
