namespace StatelessMind.Labs.SystemsProgramming.Tests;

/// <summary>Tests that allocate with sm_alloc in this process (its statistics and heap check are process-wide).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocatorCollection
{
    public const string Name = "sm_alloc";
}
