using StatelessMind.Labs.SystemsProgramming.Native;

namespace StatelessMind.Labs.SystemsProgramming.Allocation;

/// <summary>
/// A byte buffer in memory from the C allocator (sm_malloc), owned through a SafeHandle: Dispose frees it,
/// and a forgotten Dispose is still freed by the finaliser — never twice. Read and write it as a Span.
/// Not thread-safe: one owner at a time (the block itself may be freed by any thread).
/// </summary>
public sealed unsafe class NativeBuffer : IDisposable
{
    private SmBlockHandle _handle;

    /// <param name="zeroed">Allocate with sm_calloc, so the contents start as zeros.</param>
    public NativeBuffer(int length, bool zeroed = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        AllocatorNative.EnsureLoaded();
        var p = zeroed ? AllocatorNative.Calloc((nuint)length, 1) : AllocatorNative.Malloc((nuint)length);
        if (p == IntPtr.Zero) throw new AllocatorException(AllocatorStatus.OutOfMemory, $"sm_{(zeroed ? "calloc" : "malloc")}({length}) returned NULL.");
        _handle = new SmBlockHandle(p);
        Length = length;
    }

    public int Length { get; private set; }

    public bool IsDisposed => _handle.IsClosed;

    /// <summary>Bytes the block really has (its size class), at least Length.</summary>
    public long Capacity => (long)AllocatorNative.UsableSize(Address);

    /// <summary>The block's address (16-byte aligned), for interop and for the tests.</summary>
    public IntPtr Address
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    public Span<byte> Span => new((void*)Address, Length);

    /// <summary>Grows or shrinks the buffer with sm_realloc, keeping the first min(old, new) bytes. The block
    /// may move (Address changes); on failure the buffer is unchanged.</summary>
    public void Resize(int newLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(newLength);
        var old = Address;
        var p = AllocatorNative.Realloc(old, (nuint)Math.Max(newLength, 1));
        if (p == IntPtr.Zero) throw new AllocatorException(AllocatorStatus.OutOfMemory, $"sm_realloc to {newLength} bytes returned NULL; the buffer is unchanged.");
        // realloc took the old block over: the old handle must not free it again.
        _handle.SetHandleAsInvalid();
        _handle = new SmBlockHandle(p);
        Length = newLength;
    }

    public void Dispose() => _handle.Dispose();
}
