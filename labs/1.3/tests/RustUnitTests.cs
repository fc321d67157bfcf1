using System.Text.RegularExpressions;

namespace StatelessMind.Labs.Programming.Tests;

/// <summary>One test per exercise of goal 1.3-5, each running the cargo unit tests of native/rust/dynarray
/// (src/tests.rs) that check it, filtered by name.</summary>
public sealed partial class RustUnitTests(ITestOutputHelper output)
{
    private async Task Passes(params string[] filters)
    {
        var cargo = NativeArtifacts.Tool("cargo", "install Rust (rustup, or the Debian package 'cargo'; make setup does)");
        var manifest = Path.Combine(NativeArtifacts.RustCrate("dynarray"), "..", "Cargo.toml");
        foreach (var filter in filters)
        {
            var run = await HostCommands.RunAsync(cargo, ["test", "--offline", "--quiet", "--manifest-path", manifest, "--lib", filter]);
            var result = ResultLine().Match(run.StandardOutput);
            output.WriteLine($"cargo test {filter}: {(result.Success ? result.Value : "no result line")}");
            Assert.True(run.Succeeded, run.StandardOutput + run.StandardError);
            Assert.True(result.Success && int.Parse(result.Groups["passed"].Value, System.Globalization.CultureInfo.InvariantCulture) > 0,
                $"no Rust test matched '{filter}':\n{run.StandardOutput}");
        }
    }

    [Fact]
    [Goal("1.3-5")]
    public Task Resize_block() => // 1.3-5a: resize_block on std::alloc
        Passes("reserve_and_shrink_to_fit", "growth_matches_the_c_version", "try_reserve_reports_overflow");

    [Fact]
    [Goal("1.3-5")]
    public Task Push_insert_remove() => // 1.3-5b: push, insert, remove with ptr::write/copy/read
        Passes("push_and_index_many", "insert_and_remove_shift_the_tail", "pop_returns_in_reverse");

    [Fact]
    [Goal("1.3-5")]
    public Task Drops() => // 1.3-5c: truncate and Drop, each element dropped exactly once
        Passes("every_element_is_dropped_exactly_once", "a_panicking_destructor_does_not_cause_a_double_drop", "into_iter_moves_out_and_drops_the_rest");

    [GeneratedRegex(@"test result: ok\. (?<passed>\d+) passed")]
    private static partial Regex ResultLine();
}
