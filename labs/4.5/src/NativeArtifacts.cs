using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.SystemsProgramming;

/// <summary>Where this lab's native parts are built (native/build by CMake), and the host tools it runs.
/// Every lookup fails with a message that says how to build or install the missing piece.</summary>
public static class NativeArtifacts
{
    private const string BuildHint = "run `make native` from the repository root (cmake -S native/c -B native/build && cmake --build native/build -j2)";

    /// <summary>native/build/lib/lib{name}.so</summary>
    public static string CLibrary(string name) =>
        Require(Path.Combine(RepositoryLayout.Locate().NativeDirectory, "build", "lib", $"lib{name}.so"), "native library");

    /// <summary>native/build/bin/{name}</summary>
    public static string CProgram(string name) =>
        Require(Path.Combine(RepositoryLayout.Locate().NativeDirectory, "build", "bin", name), "native program");

    public static string Tool(string name, string install) =>
        HostCommands.FindOnPath(name) ?? throw new ServiceUnavailableException($"'{name}' is not on PATH: {install}.");

    private static string Require(string path, string what) =>
        File.Exists(path) ? path : throw new ServiceUnavailableException($"The {what} '{path}' is not built: {BuildHint}.");
}
