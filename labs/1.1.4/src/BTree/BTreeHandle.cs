using System.Runtime.InteropServices;

namespace StatelessMind.Labs.Storage.BTree;

/// <summary>Owns a native <c>btree*</c>: released (synced and closed) exactly once, also when the owner is finalized.</summary>
internal sealed class BTreeHandle : SafeHandle
{
    public BTreeHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The result of the final sync, for callers that close explicitly.</summary>
    public int CloseResult { get; private set; }

    protected override bool ReleaseHandle()
    {
        CloseResult = BTreeNative.Close(handle);
        return CloseResult == BTreeNative.Ok;
    }
}
