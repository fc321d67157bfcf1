namespace StatelessMind.Labs.SystemsProgramming.Allocation;

/// <summary>The allocator refused an operation (and reported it), or ran out of memory.</summary>
public sealed class AllocatorException(AllocatorStatus status, string message) : Exception(message)
{
    public AllocatorStatus Status { get; } = status;
}
