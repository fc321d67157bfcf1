using StatelessMind.Labs.SystemsProgramming.Caching;

namespace StatelessMind.Labs.SystemsProgramming.Tests;

/// <summary>The simulator against valgrind's cachegrind on the same loops, configured the same way.</summary>
public sealed class CachegrindTests(ITestOutputHelper output)
{
    // The experiment (CacheHierarchyExperimentTests) adds strided and random access at its own sizes.
    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        for (var c = 0; c < CachegrindConfiguration.All.Count; c++)
            foreach (var kind in new[] { "row", "col" })
                data.Add(c, kind);
        return data;
    }

    [Theory]
    [Goal("4.5-1")]
    [MemberData(nameof(Cases))]
    public async Task Miss_counts_match_cachegrind_within_the_stated_tolerance(int configuration, string kind)
    {
        var config = CachegrindConfiguration.All[configuration];
        var pattern = kind == "row" ? CachegrindPattern.RowMajor(512) : CachegrindPattern.ColumnMajor(512);
        var c = await Cachegrind.CompareAsync(pattern, config);
        output.WriteLine($"{config.Describe()} — {pattern.Name}: reads cg {c.Cachegrind.Reads} sim {c.SimulatorAccesses}; " +
                         $"D1 misses cg {c.Cachegrind.D1Misses} sim {c.SimulatorD1Misses}; LL misses cg {c.Cachegrind.LLMisses} sim {c.SimulatorLLMisses}");
        Assert.InRange(c.Cachegrind.Reads, c.SimulatorAccesses, c.SimulatorAccesses + 16); // the same loop: the same loads
        Assert.True(c.Agrees, $"D1 {c.D1Difference:P2}, LL {c.LLDifference:P2} off cachegrind");
    }

    [Fact]
    [Goal("4.5-1")]
    public async Task The_comparison_tells_configurations_apart()
    {
        // The check can fail: the simulator configured as one cache, cachegrind as another, disagree far beyond the tolerance.
        var (small, large) = (CachegrindConfiguration.All[2], CachegrindConfiguration.All[0]);
        var pattern = CachegrindPattern.Random(32 << 10, 20_000); // fits the 48 KiB D1, thrashes the 8 KiB one
        var real = await Cachegrind.RunAsync(pattern, small.D1, small.LL);
        var (_, d1Misses, _) = Cachegrind.Simulate(pattern, large.D1, large.LL);
        output.WriteLine($"cachegrind as {small.Name}: {real.D1Misses} D1 misses; simulator as {large.Name}: {d1Misses}");
        Assert.False(CachegrindComparison.WithinTolerance(real.D1Misses, d1Misses));
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
