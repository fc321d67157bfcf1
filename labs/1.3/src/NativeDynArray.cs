using System.Runtime.InteropServices;
using StatelessMind.Labs.Programming.Native;

namespace StatelessMind.Labs.Programming;

/// <summary>
/// The C dynamic array (native/c/dynarray) holding 64-bit integers, driven from C# through P/Invoke.
/// Each call crosses into C; a status other than DA_OK becomes a <see cref="DynArrayException"/>.
/// The block is freed by the SafeHandle: on Dispose, or by the finaliser if Dispose is forgotten.
/// </summary>
public sealed unsafe class NativeDynArray : IDisposable
{
    private readonly DynArrayHandle _handle;

    /// <param name="growthFactor">Capacity multiplier when full (&gt; 1).</param>
    /// <param name="growthStep">If &gt; 0, grow by this many elements instead (additive growth).</param>
    public NativeDynArray(double growthFactor = 2.0, int growthStep = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(growthStep);
        DynArrayNative.EnsureLoaded();
        _handle = DynArrayNative.New(sizeof(long), growthFactor, (nuint)growthStep, out var status);
        if (_handle.IsInvalid)
        {
            _handle.Dispose();
            throw Error(status, $"da_new(growth factor {growthFactor}, step {growthStep})");
        }
    }

    public int Count => (int)DynArrayNative.Length(_handle);
    public int Capacity => (int)DynArrayNative.Capacity(_handle);

    public long this[int index]
    {
        get
        {
            long value;
            Check(DynArrayNative.Get(_handle, ToIndex(index), &value), $"da_get({index})");
            return value;
        }
        set => Check(DynArrayNative.Set(_handle, ToIndex(index), &value), $"da_set({index})");
    }

    public void Push(long value) => Check(DynArrayNative.Push(_handle, &value), "da_push");

    public long Pop()
    {
        long value;
        Check(DynArrayNative.Pop(_handle, &value), "da_pop");
        return value;
    }

    public void Insert(int index, long value) => Check(DynArrayNative.Insert(_handle, ToIndex(index), &value), $"da_insert({index})");

    public long RemoveAt(int index)
    {
        long value;
        Check(DynArrayNative.Remove(_handle, ToIndex(index), &value), $"da_remove({index})");
        return value;
    }

    public void Reserve(int capacity) => Check(DynArrayNative.Reserve(_handle, ToIndex(capacity)), $"da_reserve({capacity})");

    public void ShrinkToFit() => Check(DynArrayNative.ShrinkToFit(_handle), "da_shrink_to_fit");

    public GrowthCounters Counters
    {
        get
        {
            DynArrayNative.Counters c;
            DynArrayNative.GetCounters(_handle, &c);
            return new GrowthCounters(c.Pushes, c.Grows, c.ElementsCopied, c.BlockMoves, c.ElementsMoved);
        }
    }

    /// <summary>Copies the elements out (one da_get per element, in order).</summary>
    public long[] ToArray()
    {
        var result = new long[Count];
        for (var i = 0; i < result.Length; i++) result[i] = this[i];
        return result;
    }

    public void Dispose() => _handle.Dispose();

    // A negative index reaches C as a huge size_t, which the bounds check rejects: C decides, not C#.
    private static nuint ToIndex(int index) => unchecked((nuint)(nint)index);

    private static void Check(int status, string operation)
    {
        if (status != 0) throw Error(status, operation);
    }

    internal static DynArrayException Error(int status, string operation)
    {
        var text = Marshal.PtrToStringUTF8((IntPtr)DynArrayNative.StatusText(status)) ?? "unknown status";
        return new DynArrayException((DynArrayStatus)status, operation, text);
    }
}
