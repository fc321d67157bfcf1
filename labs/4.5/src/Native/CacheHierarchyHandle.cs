using Microsoft.Win32.SafeHandles;

namespace StatelessMind.Labs.SystemsProgramming.Native;

/// <summary>Owns an sm_hierarchy; released with sm_hierarchy_destroy.</summary>
internal sealed class CacheHierarchyHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public CacheHierarchyHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        CacheSimNative.Destroy(handle);
        return true;
    }
}
