using StatelessMind.Harness.Services;

namespace StatelessMind.Harness;

/// <summary>
/// Where the native code of the labs is built: the C libraries and programs under native/build (CMake),
/// the Rust binaries under native/rust/target/release (cargo). A lab that uses them imports
/// native/Native.targets, so its own build makes them; a lookup that still finds nothing fails with a
/// message that says how to build the missing piece. Paths only: no native package is referenced here.
/// </summary>
public static class NativeArtifacts
{
    private const string BuildHint =
        "build the lab (`dotnet build labs/<section>` runs native/build.sh through native/Native.targets) or run `make native` " +
        "from the repository root (CMake: cmake -S native/c -B native/build && cmake --build native/build; " +
        "cargo: cargo build --offline --release --manifest-path native/rust/Cargo.toml)";

    /// <summary>native/build/lib/lib{name}.so</summary>
    public static string CLibrary(string name) =>
        Require(Path.Combine(NativeDirectory, "build", "lib", $"lib{name}.so"), "native library");

    /// <summary>native/build/bin/{name}: a program built by CMake (tests, demos, benchmarks).</summary>
    public static string CProgram(string name) =>
        Require(Path.Combine(NativeDirectory, "build", "bin", name), "native program");

    /// <summary>native/rust/target/release/{name}: a binary of the cargo workspace.</summary>
    public static string RustProgram(string name) =>
        Require(Path.Combine(NativeDirectory, "rust", "target", "release", name), "Rust program");

    /// <summary>native/rust/{name}: a crate of the cargo workspace (its sources, e.g. compile-fail examples).</summary>
    public static string RustCrate(string name)
    {
        var dir = Path.Combine(NativeDirectory, "rust", name);
        return Directory.Exists(dir) ? dir : throw new DirectoryNotFoundException($"The Rust crate '{dir}' is missing from the checkout.");
    }

    /// <summary>An executable on PATH (valgrind, rustc), or a clear error naming what to install.</summary>
    public static string Tool(string name, string install) =>
        HostCommands.FindOnPath(name) ?? throw new ServiceUnavailableException($"'{name}' is not on PATH: {install}.");

    private static string NativeDirectory => RepositoryLayout.Locate().NativeDirectory;

    private static string Require(string path, string what) =>
        File.Exists(path) ? path : throw new ServiceUnavailableException($"The {what} '{path}' is not built: {BuildHint}.");
}
