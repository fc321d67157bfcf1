namespace StatelessMind.Labs.Programming;

/// <summary>One file of native/rust/dynarray/compile_fail: a C bug class written against DynArray,
/// behind #[cfg(bug)], next to its fix. The header names the class, the Rust rule and the error code.</summary>
public sealed record CompileFailExample(string Path, string BugClass, string RustRule, string ExpectedCode)
{
    public string Name => System.IO.Path.GetFileName(Path);
}
