using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Programming;

/// <summary>
/// Where the native parts of this lab are built: the C library and test programs under
/// native/build (CMake), the Rust binaries under native/rust/target/release (cargo). Every lookup
/// fails with a message that says how to build the missing piece.
/// </summary>
public static class NativeArtifacts
{
    private const string BuildHint = "run `make native` from the repository root (CMake: cmake -S native/c -B native/build && " +
                                     "cmake --build native/build -j2; cargo: cargo build --offline --release --manifest-path native/rust/Cargo.toml)";

    public static RepositoryLayout Layout => RepositoryLayout.Locate();

    /// <summary>native/build/lib/lib{name}.so</summary>
    public static string CLibrary(string name) =>
        Require(Path.Combine(Layout.NativeDirectory, "build", "lib", $"lib{name}.so"), "native library");

    /// <summary>native/build/bin/{name}: a program built by CMake (tests, demos).</summary>
    public static string CProgram(string name) =>
        Require(Path.Combine(Layout.NativeDirectory, "build", "bin", name), "native program");

    /// <summary>native/rust/target/release/{name}: a binary of the cargo workspace.</summary>
    public static string RustProgram(string name) =>
        Require(Path.Combine(Layout.NativeDirectory, "rust", "target", "release", name), "Rust program");

    /// <summary>native/rust/dynarray: the Rust crate (its sources and compile-fail examples).</summary>
    public static string RustDynArrayCrate
    {
        get
        {
            var dir = Path.Combine(Layout.NativeDirectory, "rust", "dynarray");
            if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"The Rust crate '{dir}' is missing from the checkout.");
            return dir;
        }
    }

    /// <summary>An executable on PATH (valgrind, rustc), or a clear error naming what to install.</summary>
    public static string Tool(string name, string install) =>
        HostCommands.FindOnPath(name) ?? throw new ServiceUnavailableException($"'{name}' is not on PATH: {install}.");

    private static string Require(string path, string what) =>
        File.Exists(path) ? path : throw new ServiceUnavailableException($"The {what} '{path}' is not built: {BuildHint}.");
}
