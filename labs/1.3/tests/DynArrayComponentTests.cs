namespace StatelessMind.Labs.Programming.Tests;

/// <summary>One test per exercise of goal 1.3-4, each running the C tests of native/c/dynarray/test_dynarray.c that
/// check it (`test_dynarray &lt;name&gt;`).</summary>
public sealed class DynArrayComponentTests(ITestOutputHelper output)
{
    private async Task Passes(string only)
    {
        var outcome = await NativeTestProgram.RunAsync("test_dynarray", only);
        output.WriteLine($"{outcome.Command}: {outcome.Checks} checks, {outcome.Failed} failed, exit {outcome.ExitCode}");
        Assert.True(outcome.Passed, outcome.Output);
    }

    [Theory]
    [Goal("1.3-4")]
    [InlineData("reserve")]
    [InlineData("memory")]
    [InlineData("push")]
    public Task Resize_block(string tests) => Passes(tests); // 1.3-4a: resize_block

    [Theory]
    [Goal("1.3-4")]
    [InlineData("insert")]
    public Task Insert_and_remove(string tests) => Passes(tests); // 1.3-4b: da_insert, da_remove

    [Fact]
    [Goal("1.3-4")]
    public Task Growth_rule() => Passes("growth"); // 1.3-4c: next_capacity
}
