using StatelessMind.Labs.SystemsProgramming.Caching;

namespace StatelessMind.Labs.SystemsProgramming.Tests;

/// <summary>The simulator against valgrind's cachegrind on the same loops, configured the same way.</summary>
public sealed class CachegrindTests(ITestOutputHelper output)
{
    private static readonly CacheConfig D1 = new(48 * 1024, 64, 12);
    private static readonly CacheConfig LL = new(1024 * 1024, 64, 8);

    // The experiment (CacheHierarchyExperimentTests) adds strided and random access at its own sizes.
    public static TheoryData<string> Patterns => ["row", "col"];

    [Theory]
    [Goal("4.5-1")]
    [MemberData(nameof(Patterns))]
    public async Task Miss_counts_match_cachegrind_within_the_stated_tolerance(string kind)
    {
        var pattern = kind == "row" ? CachegrindPattern.RowMajor(512) : CachegrindPattern.ColumnMajor(512);
        var c = await Cachegrind.CompareAsync(pattern, D1, LL);
        output.WriteLine($"{pattern.Name}: reads cg {c.Cachegrind.Reads} sim {c.SimulatorAccesses}; D1 misses cg {c.Cachegrind.D1Misses} sim {c.SimulatorD1Misses}; " +
                         $"LL misses cg {c.Cachegrind.LLMisses} sim {c.SimulatorLLMisses}");
        Assert.InRange(c.Cachegrind.Reads, c.SimulatorAccesses, c.SimulatorAccesses + 16); // the same loop: the same loads
        Assert.True(c.Agrees, $"D1 {c.D1Difference:P2}, LL {c.LLDifference:P2} off cachegrind");
    }

    [Fact]
    [Goal("4.5-1")]
    public void Cachegrind_output_is_parsed_per_function()
    {
        const string text = "events: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw\nfl=a.c\nfn=main\n3 10 1 1 5 2 2 0 0 0\nfn=walk_rows\n7 100 0 0 50 7 3\n8 4 0 0 2 1 1 1 1 1\nfl=b.c\nfn=walk_rows\n9 1 0 0 1 0 0 0 0 0\n";
        var c = Cachegrind.ParseFunction(text, "walk_rows");
        Assert.Equal(new CachegrindCounts(53, 8, 4, 1, 1, 1), c);
        Assert.Throws<FormatException>(() => Cachegrind.ParseFunction(text, "walk_cols"));
        Assert.Throws<FormatException>(() => Cachegrind.ParseFunction("fn=walk_rows\n1 2 3\n", "walk_rows"));
    }
}
