using System.Runtime.InteropServices;

namespace StatelessMind.Labs.Storage.BTree;

/// <summary>Owns a native <c>btree_cursor*</c>. It keeps a reference on its tree's handle, so the tree
/// cannot be closed under a live cursor.</summary>
internal sealed class BTreeCursorHandle : SafeHandle
{
    private BTreeHandle? _tree;

    public BTreeCursorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    public void HoldTree(BTreeHandle tree)
    {
        var added = false;
        tree.DangerousAddRef(ref added);
        if (added) _tree = tree;
    }

    protected override bool ReleaseHandle()
    {
        BTreeNative.CursorClose(handle);
        _tree?.DangerousRelease();
        return true;
    }
}
