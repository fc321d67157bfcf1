namespace StatelessMind.Labs.Programming;

/// <summary>The C array's da_status codes: every failure is a value, never an abort.</summary>
public enum DynArrayStatus
{
    Ok = 0,
    OutOfMemory = 1,
    OutOfBounds = 2,
    Empty = 3,
    InvalidArgument = 4,
    Overflow = 5,
}
