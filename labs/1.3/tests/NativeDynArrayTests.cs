namespace StatelessMind.Labs.Programming.Tests;

/// <summary>The C array driven from C# through P/Invoke: behaviour, explicit errors, and the growth counts
/// the amortised analysis predicts.</summary>
public sealed class NativeDynArrayTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.3-4")]
    public void Values_pushed_from_CSharp_come_back_from_C_in_order()
    {
        using var a = new NativeDynArray();
        for (long i = 0; i < 10_000; i++) a.Push(i * 3);
        Assert.Equal(10_000, a.Count);
        Assert.True(a.Capacity >= 10_000);
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => i * 3L), a.ToArray());
        a[5] = -1;
        Assert.Equal(-1, a[5]);
        Assert.Equal(29_997, a.Pop());
    }

    [Fact]
    [Goal("1.3-4")]
    public void Every_error_path_is_a_status_code_not_a_crash()
    {
        using var a = new NativeDynArray();
        a.Push(1);
        a.Push(2);
        Assert.Equal(DynArrayStatus.OutOfBounds, Assert.Throws<DynArrayException>(() => a[2]).Status);
        Assert.Equal(DynArrayStatus.OutOfBounds, Assert.Throws<DynArrayException>(() => a[-1]).Status);
        Assert.Equal(DynArrayStatus.OutOfBounds, Assert.Throws<DynArrayException>(() => a.Insert(3, 9)).Status);
        Assert.Equal(DynArrayStatus.OutOfBounds, Assert.Throws<DynArrayException>(() => a.RemoveAt(2)).Status);
        a.Pop();
        a.Pop();
        var empty = Assert.Throws<DynArrayException>(() => a.Pop());
        Assert.Equal(DynArrayStatus.Empty, empty.Status);
        Assert.Contains("empty", empty.Message, StringComparison.Ordinal);
        var badFactor = Assert.Throws<DynArrayException>(() => new NativeDynArray(growthFactor: 1.0));
        Assert.Equal(DynArrayStatus.InvalidArgument, badFactor.Status);
        Assert.Equal(DynArrayStatus.Overflow, Assert.Throws<DynArrayException>(() => a.Reserve(-1)).Status); // SIZE_MAX elements
        a.Push(7); // the array is still usable after every error
        Assert.Equal([7L], a.ToArray());
    }

    [Fact]
    [Goal("1.3-4")]
    public void Insert_and_remove_shift_the_tail()
    {
        using var a = new NativeDynArray();
        foreach (var v in new long[] { 1, 3 }) a.Push(v);
        a.Insert(1, 2);
        a.Insert(0, 0);
        Assert.Equal([0L, 1, 2, 3], a.ToArray());
        Assert.Equal(1, a.RemoveAt(1));
        Assert.Equal(3, a.RemoveAt(2));
        Assert.Equal([0L, 2], a.ToArray());
    }

    [Fact]
    [Goal("1.3-4")]
    public void Doubling_from_four_grows_nine_times_and_copies_1020_elements_for_1000_pushes()
    {
        // Capacities 4, 8, ..., 1024: the copies are 4 + 8 + ... + 512 = 1020, about one per push.
        using var a = new NativeDynArray();
        for (long i = 0; i < 1000; i++) a.Push(i);
        var c = a.Counters;
        output.WriteLine($"grows {c.Grows}, copied {c.ElementsCopied}, realloc moved the block {c.BlockMoves} times ({c.ElementsMoved} elements)");
        Assert.Equal(1024, a.Capacity);
        Assert.Equal(9UL, c.Grows);
        Assert.Equal(1020UL, c.ElementsCopied);
        Assert.True(c.ElementsMoved <= c.ElementsCopied);
    }

    [Fact]
    [Goal("1.3-4")]
    public void Reserve_prevents_growth_and_shrink_to_fit_returns_the_slack()
    {
        using var a = new NativeDynArray();
        a.Reserve(5000);
        var before = a.Counters.Grows;
        for (long i = 0; i < 5000; i++) a.Push(i);
        Assert.Equal(before, a.Counters.Grows);
        for (var i = 0; i < 4000; i++) a.Pop();
        a.ShrinkToFit();
        Assert.Equal(1000, a.Capacity);
        Assert.Equal(999, a[999]);
    }

    [Theory]
    [Goal("1.3-4")]
    [InlineData(1.25)]
    [InlineData(1.5)]
    [InlineData(2.0)]
    [InlineData(3.0)]
    public void Geometric_growth_keeps_copies_per_push_below_f_over_f_minus_one_at_every_size(double factor)
    {
        var rule = GrowthRule.Geometric(factor);
        var run = AmortisedGrowth.Measure(rule, 300_000);
        output.WriteLine($"factor {factor}: worst {run.Worst.CopiesPerPush:0.####} copies/push after push {run.Worst.Pushes} (capacity {run.Worst.Capacity}), " +
                         $"bound {rule.CopiesPerPushBound:0.###}, at the end {run.Final.CopiesPerPush:0.###}");
        Assert.Equal(300_000UL, run.Final.Pushes);
        Assert.True(run.StaysWithin(rule.CopiesPerPushBound), $"copies per push reached {run.Worst.CopiesPerPush} at push {run.Worst.Pushes}, above f/(f-1) = {rule.CopiesPerPushBound}");
        // The worst size is a peak right after a grow, where the bound is nearly reached: the check sees the peaks.
        Assert.True(run.Worst.CopiesPerPush >= 0.85 * rule.CopiesPerPushBound,
            $"the worst size found ({run.Worst.CopiesPerPush:0.###}) is far below the bound: the peaks after the grows were not seen");
    }

    [Fact]
    [Goal("1.3-4")]
    public void Checkpoints_at_powers_of_two_alone_would_miss_the_peaks_of_doubling()
    {
        // With ×2 growth from 4, every power of two is a size just before a grow, where copies per push are lowest (~1).
        // Held to a tighter bound than its own (×3's 1.5), the check at every size fails, as it must; the powers of two
        // alone would have passed it.
        var run = AmortisedGrowth.Measure(GrowthRule.Geometric(2), 300_000);
        var atPowersOfTwo = run.Checkpoints.Where(p => ulong.IsPow2(p.Pushes)).Max(p => p.CopiesPerPush);
        var tighter = GrowthRule.Geometric(3).CopiesPerPushBound;
        output.WriteLine($"max at the powers of two {atPowersOfTwo:0.####}, worst at any size {run.Worst.CopiesPerPush:0.####} (push {run.Worst.Pushes})");
        Assert.True(atPowersOfTwo <= tighter);
        Assert.False(run.StaysWithin(tighter));
        Assert.Equal(262_145UL, run.Worst.Pushes); // the grow from 262,144 to 524,288 slots: 4 + 8 + … + 262,144 = 524,284 copies so far
        Assert.Equal(524_284UL, run.Worst.ElementsCopied);
    }

    [Fact]
    [Goal("1.3-4")]
    public void Additive_growth_makes_copies_per_push_grow_with_n()
    {
        var points = AmortisedGrowth.Measure(GrowthRule.Additive(256), 65_536).Checkpoints;
        var half = points.Single(p => p.Pushes == 32_768);
        var end = points[^1];
        output.WriteLine($"copies per push: {half.CopiesPerPush:0.#} at 32768, {end.CopiesPerPush:0.#} at 65536");
        // n²/(2·256) copies in total: the per-push cost doubles when n doubles.
        Assert.InRange(end.CopiesPerPush / half.CopiesPerPush, 1.9, 2.1);
        Assert.True(end.CopiesPerPush > 100);
    }
}
