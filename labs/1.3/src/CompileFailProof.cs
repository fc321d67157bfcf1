using System.Text.RegularExpressions;
using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Programming;

/// <summary>
/// Compiles each compile-fail example with rustc: with <c>--cfg bug</c> it must be rejected with the
/// error code its header names; without it, it must compile. (The cargo test
/// native/rust/dynarray/tests/compile_fail.rs checks the same; this runs it from the lab.)
/// </summary>
public static partial class CompileFailProof
{
    [GeneratedRegex(@"error\[(E\d{4})\]")]
    private static partial Regex ErrorCode();

    public static IReadOnlyList<CompileFailExample> Discover(string crateDirectory)
    {
        var dir = Path.Combine(crateDirectory, "compile_fail");
        var examples = new List<CompileFailExample>();
        foreach (var file in Directory.EnumerateFiles(dir, "*.rs").Order(StringComparer.Ordinal))
        {
            var header = File.ReadLines(file).TakeWhile(l => l.StartsWith("//!", StringComparison.Ordinal)).ToList();
            string Field(string key) =>
                header.Select(l => l[3..].Trim()).FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal))?[(key.Length + 1)..].Trim()
                ?? throw new FormatException($"{file}: the header has no '//! {key}:' line.");
            var code = Field("expect");
            if (!Regex.IsMatch(code, @"^E\d{4}$"))
                throw new FormatException($"{file}: '//! expect: {code}' is not an error code like E0502.");
            examples.Add(new CompileFailExample(file, Field("bug class"), Field("rust"), code));
        }
        return examples;
    }

    public static async Task<IReadOnlyList<CompileFailResult>> RunAsync(CancellationToken cancellationToken = default)
    {
        var rustc = NativeArtifacts.Tool("rustc", "install Rust (rustup, or the Debian package 'rustc')");
        var crate = NativeArtifacts.RustCrate("dynarray");
        var scratch = Directory.CreateTempSubdirectory("sm-compile-fail-");
        try
        {
            var metadata = Path.Combine(scratch.FullName, "libsm_dynarray.rmeta");
            // Type-check the library itself once; the examples link against its metadata.
            (await HostCommands.RunAsync(rustc,
                ["--edition", "2021", "--crate-type", "lib", "--crate-name", "sm_dynarray", "--emit", "metadata", "-o", metadata,
                 Path.Combine(crate, "src", "lib.rs")], cancellationToken: cancellationToken)).EnsureSuccess();
            // One rustc per core at a time: each is a separate process, the examples are independent.
            using var gate = new SemaphoreSlim(Environment.ProcessorCount);
            async Task<CommandResult> Limited(CompileFailExample example, bool withBug)
            {
                await gate.WaitAsync(cancellationToken);
                try { return await Compile(rustc, example, metadata, scratch.FullName, withBug, cancellationToken); }
                finally { gate.Release(); }
            }
            var runs = Discover(crate).Select(e => (Example: e, Bug: Limited(e, withBug: true), Fix: Limited(e, withBug: false))).ToList();
            var results = new List<CompileFailResult>();
            foreach (var (example, withBug, fixedVariant) in runs)
            {
                var (bug, fix) = (await withBug, await fixedVariant);
                var codes = bug.Succeeded
                    ? []
                    : ErrorCode().Matches(bug.StandardError).Select(m => m.Groups[1].Value).Distinct().ToList();
                results.Add(new CompileFailResult(example, codes, fix.Succeeded, bug.StandardError + fix.StandardError));
            }
            return results;
        }
        finally
        {
            HostCommands.DeleteDirectory(scratch.FullName);
        }
    }

    private static Task<CommandResult> Compile(string rustc, CompileFailExample example, string metadata, string scratch, bool withBug, CancellationToken ct)
    {
        var output = Path.Combine(scratch, withBug ? "bug" : "fixed", Path.GetFileNameWithoutExtension(example.Path));
        Directory.CreateDirectory(output);
        List<string> args =
        [
            "--edition", "2021", "--crate-type", "lib", "--emit", "metadata", "--error-format", "short",
            "--extern", $"sm_dynarray={metadata}", "--out-dir", output, example.Path,
        ];
        if (withBug) args.AddRange(["--cfg", "bug"]);
        return HostCommands.RunAsync(rustc, args, cancellationToken: ct);
    }
}
