using Microsoft.Win32.SafeHandles;

namespace StatelessMind.Labs.Programming.Native;

/// <summary>Owns a heap-allocated C dynarray (da_new); releasing it calls da_delete exactly once.</summary>
internal sealed class DynArrayHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DynArrayHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        DynArrayNative.Delete(handle);
        return true;
    }
}
