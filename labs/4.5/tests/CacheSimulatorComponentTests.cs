namespace StatelessMind.Labs.SystemsProgramming.Tests;

/// <summary>One test per exercise of goal 4.5-1, each running the C tests of native/c/cachesim/test_cachesim.c that
/// check it (`test_cachesim &lt;name&gt;`).</summary>
public sealed class CacheSimulatorComponentTests(ITestOutputHelper output)
{
    private async Task Passes(string only)
    {
        var outcome = await NativeTestProgram.RunAsync("test_cachesim", only);
        output.WriteLine($"{outcome.Command}: {outcome.Checks} checks, {outcome.Failed} failed, exit {outcome.ExitCode}");
        Assert.True(outcome.Passed, outcome.Output);
    }

    [Theory]
    [Goal("4.5-1")]
    [InlineData("lru")]
    [InlineData("random")]
    [InlineData("capacity")]
    public Task Victim_choice(string tests) => Passes(tests); // 4.5-1a: choose_line

    [Theory]
    [Goal("4.5-1")]
    [InlineData("direct")]
    [InlineData("write")]
    [InlineData("amat")]
    public Task Miss_handling(string tests) => Passes(tests); // 4.5-1b: handle_miss

    [Theory]
    [Goal("4.5-1")]
    [InlineData("traversal")]
    [InlineData("lengths")]
    public Task Traversals(string tests) => Passes(tests); // 4.5-1c: the row/column walks and the tiled multiply

    [Fact]
    [Goal("4.5-1")]
    public Task Chase_cycle() => Passes("chase"); // 4.5-1d: sm_chase_link
}
