namespace StatelessMind.Labs.Transformation.Jinja;

/// <summary>dbt's <c>return(value)</c>: ends the macro being called and makes <see cref="Value"/> its result.</summary>
internal sealed class ReturnSignal(object? value) : Exception("return() outside a macro")
{
    public object? Value { get; } = value;
}
