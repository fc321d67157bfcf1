namespace StatelessMind.Labs.Programming.Tests;

/// <summary>Goal 1.3-5: what the Rust rewrite rules out, proven with rustc, and its unsafe core checked by valgrind.</summary>
public sealed class RustOwnershipTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.3-5")]
    public async Task Each_C_bug_class_is_rejected_by_rustc_with_its_named_error_while_the_fix_compiles()
    {
        var results = await CompileFailProof.RunAsync();
        foreach (var r in results)
            output.WriteLine($"{r.Example.Name,-26} {r.Example.BugClass[..Math.Min(48, r.Example.BugClass.Length)],-48} expected {r.Example.ExpectedCode}, got [{string.Join(",", r.ReportedCodes)}], fix compiles: {r.FixCompiles}");
        Assert.True(results.Count >= 8, $"only {results.Count} examples");
        Assert.All(results, r => Assert.True(r.Proven, $"{r.Example.Name}: expected only {r.Example.ExpectedCode}, got [{string.Join(",", r.ReportedCodes)}], fix compiles {r.FixCompiles}{Environment.NewLine}{r.Diagnostics}"));
        // The classes of the comparison page are all there.
        var codes = results.Select(r => r.Example.ExpectedCode).ToHashSet();
        Assert.Superset(new HashSet<string> { "E0502", "E0382", "E0597", "E0499", "E0277" }, codes);
    }

    [Fact]
    [Goal("1.3-5")]
    public async Task The_unsafe_core_runs_clean_under_valgrind()
    {
        var report = await Memcheck.RunAsync(NativeArtifacts.RustProgram("dynarray-selfcheck"));
        output.WriteLine($"errors {report.Errors}, definitely lost {report.DefinitelyLostBytes} B, in use at exit {report.InUseAtExitBytes} B");
        Assert.Equal(0, report.ExitCode);
        Assert.True(report.IsClean);
    }

    [Fact]
    [Goal("1.3-5")]
    public void Compile_fail_headers_name_a_bug_class_a_rule_and_an_error_code()
    {
        var examples = CompileFailProof.Discover(NativeArtifacts.RustCrate("dynarray"));
        Assert.All(examples, e =>
        {
            Assert.Matches("^E[0-9]{4}$", e.ExpectedCode);
            Assert.False(string.IsNullOrWhiteSpace(e.BugClass));
            Assert.False(string.IsNullOrWhiteSpace(e.RustRule));
        });
    }

    [Fact]
    [Goal("1.3-5")]
    public void Malformed_bench_output_is_rejected_with_its_line()
    {
        var ok = ArrayThroughput.ParseRustOutput("impl=rust_dynarray n=10 push_ns=1.5 get_ns=0.2 checksum=45\nimpl=rust_vec n=10 push_ns=1.0 get_ns=0.2 checksum=45\n");
        Assert.Equal(2, ok.Count);
        var e = Assert.Throws<FormatException>(() => ArrayThroughput.ParseRustOutput("impl=rust_dynarray n=10 get_ns=0.2 checksum=45\n"));
        Assert.Contains("line 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("push_ns", e.Message, StringComparison.Ordinal);
    }
}
