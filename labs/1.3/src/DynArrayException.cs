namespace StatelessMind.Labs.Programming;

/// <summary>A da_status other than DA_OK, with the C library's own description and what was attempted.</summary>
public sealed class DynArrayException(DynArrayStatus status, string operation, string description)
    : Exception($"{operation} failed: {description} ({status}).")
{
    public DynArrayStatus Status { get; } = status;
    public string Operation { get; } = operation;
}
