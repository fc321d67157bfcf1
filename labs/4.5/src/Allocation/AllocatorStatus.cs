namespace StatelessMind.Labs.SystemsProgramming.Allocation;

/// <summary>sm_status: what sm_free_checked found.</summary>
public enum AllocatorStatus
{
    Ok = 0,
    InvalidFree = 1,
    DoubleFree = 2,
    Corruption = 3,
    OutOfMemory = 4,
}
