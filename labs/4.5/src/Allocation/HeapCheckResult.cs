namespace StatelessMind.Labs.SystemsProgramming.Allocation;

/// <summary>What sm_heap_check found: OK, or the first broken invariant.</summary>
public sealed record HeapCheckResult(bool Ok, long BlocksChecked, long FreeBlocksChecked, string Message);
