using Microsoft.Win32.SafeHandles;

namespace StatelessMind.Labs.SystemsProgramming.Native;

/// <summary>Owns one block from sm_malloc; released exactly once with sm_free (by Dispose or the finaliser).</summary>
internal sealed class SmBlockHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SmBlockHandle() : base(ownsHandle: true)
    {
    }

    public SmBlockHandle(IntPtr block) : base(ownsHandle: true) => SetHandle(block);

    protected override bool ReleaseHandle() => AllocatorNative.FreeChecked(handle) == 0;
}
