namespace StatelessMind.Labs.SystemsProgramming.Tests;

/// <summary>
/// One test per exercise of goal 4.5-2, each running the C tests of native/c/allocator/test_alloc.c that check it
/// (`test_alloc &lt;name&gt;`), plus the sanitizer runs: AddressSanitizer with the allocator's poisoning, and
/// ThreadSanitizer with its planted race.
/// </summary>
public sealed class AllocatorComponentTests(ITestOutputHelper output)
{
    private async Task Passes(string program, string only)
    {
        var outcome = await NativeTestProgram.RunAsync(program, only);
        output.WriteLine($"{outcome.Command}: {outcome.Checks} checks, {outcome.Failed} failed, exit {outcome.ExitCode}");
        Assert.True(outcome.Passed, outcome.Output);
    }

    [Theory]
    [Goal("4.5-2")]
    [InlineData("sizes")]
    [InlineData("double")]
    public Task Thread_cache(string tests) => Passes("test_alloc", tests); // 4.5-2a: cache_pop, cache_park

    [Theory]
    [Goal("4.5-2")]
    [InlineData("workload")]
    [InlineData("threads")]
    public Task Refill(string tests) => Passes("test_alloc", tests); // 4.5-2b: small_refill_locked

    [Theory]
    [Goal("4.5-2")]
    [InlineData("coalescing")]
    [InlineData("spare")]
    public Task Medium_heap(string tests) => Passes("test_alloc", tests); // 4.5-2c: split and coalesce

    [Fact]
    [Goal("4.5-2")]
    public Task Realloc_in_place() => Passes("test_alloc", "realloc"); // 4.5-2d: resize_in_place

    public static TheoryData<string> BugsInsideBlocks =>
        ["small-overflow", "small-use-after-free", "medium-overflow", "medium-use-after-free", "large-overflow", "large-underflow"];

    [Theory]
    [Goal("4.5-2")]
    [MemberData(nameof(BugsInsideBlocks))]
    public async Task AddressSanitizer_sees_a_bug_inside_an_sm_alloc_block_only_through_the_poisoning(string bug)
    {
        var poisoned = await HostCommands.RunAsync(NativeArtifacts.CProgram("alloc_poison_demo_asan"), [bug]);
        output.WriteLine(poisoned.StandardError.Split('\n').FirstOrDefault(l => l.Contains("ERROR", StringComparison.Ordinal)) ?? "(no ASan report)");
        Assert.NotEqual(0, poisoned.ExitCode);
        Assert.Contains("ERROR: AddressSanitizer: use-after-poison", poisoned.StandardError, StringComparison.Ordinal);
        // The control: the same program with an allocator that does not poison. ASan sees only mapped pages.
        var plain = await HostCommands.RunAsync(NativeArtifacts.CProgram("alloc_poison_demo_nopoison"), [bug]);
        Assert.Equal(0, plain.ExitCode);
        Assert.Contains("the bug went unnoticed", plain.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("4.5-2")]
    public async Task ThreadSanitizer_finds_no_race_and_finds_the_planted_one()
    {
        await Passes("test_alloc_tsan", "threads");
        var racy = await HostCommands.RunAsync(NativeArtifacts.CProgram("test_alloc_tsan_racy"), ["threads"]);
        Assert.Contains("WARNING: ThreadSanitizer: data race", racy.StandardError, StringComparison.Ordinal);
        Assert.Contains("cache_count_set", racy.StandardError, StringComparison.Ordinal);
    }
}
