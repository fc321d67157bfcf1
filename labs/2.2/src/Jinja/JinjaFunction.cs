namespace StatelessMind.Labs.Transformation.Jinja;

/// <summary>A callable value of a template: a macro, or a function the host provides (ref, source, var …).</summary>
public delegate object? JinjaFunction(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs);
