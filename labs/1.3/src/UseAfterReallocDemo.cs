using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Programming;

/// <summary>
/// The classic C bug of a growable array, run three ways (native/c/dynarray/use_after_realloc.c):
/// a pointer to element 0 is kept while pushes reallocate the block, then read.
/// </summary>
public static class UseAfterReallocDemo
{
    /// <summary>The plain build: the stale read usually "works" — the bug is silent.</summary>
    public static Task<CommandResult> RunPlainAsync(CancellationToken cancellationToken = default) =>
        HostCommands.RunAsync(NativeArtifacts.CProgram("use_after_realloc"), [], cancellationToken: cancellationToken);

    /// <summary>The AddressSanitizer build: it stops at the read with "heap-use-after-free".</summary>
    public static Task<CommandResult> RunWithAddressSanitizerAsync(CancellationToken cancellationToken = default) =>
        HostCommands.RunAsync(NativeArtifacts.CProgram("use_after_realloc_asan"), [],
            environment: new Dictionary<string, string> { ["ASAN_OPTIONS"] = "detect_leaks=1" }, cancellationToken: cancellationToken);

    /// <summary>The plain build under valgrind: "Invalid read of size 4", with where the block was freed.</summary>
    public static Task<MemcheckReport> RunUnderValgrindAsync(CancellationToken cancellationToken = default) =>
        Memcheck.RunAsync(NativeArtifacts.CProgram("use_after_realloc"), cancellationToken: cancellationToken);
}
