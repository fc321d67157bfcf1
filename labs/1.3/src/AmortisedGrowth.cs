using StatelessMind.Labs.Programming.Native;

namespace StatelessMind.Labs.Programming;

/// <summary>Runs the growth measurement inside C (one P/Invoke call per rule, not per push).</summary>
public static unsafe class AmortisedGrowth
{
    /// <summary>Pushes <paramref name="pushes"/> integers into a fresh C array growing by <paramref name="rule"/>;
    /// returns the checkpoints at every power of two and at the end, and the worst size of all.</summary>
    public static GrowthRun Measure(GrowthRule rule, long pushes)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentOutOfRangeException.ThrowIfLessThan(pushes, 1);
        DynArrayNative.EnsureLoaded();
        var points = new DynArrayNative.GrowthPointNative[70];
        DynArrayNative.GrowthPointNative worst;
        int written;
        fixed (DynArrayNative.GrowthPointNative* p = points)
            written = DynArrayNative.MeasureGrowth(rule.Factor, (nuint)rule.Step, (ulong)pushes, p, points.Length, &worst);
        if (written < 0) throw NativeDynArray.Error(-written, $"da_measure_growth({rule.Name}, {pushes})");
        return new GrowthRun(rule, points.Take(written).Select(ToPoint).ToList(), ToPoint(worst));
    }

    private static GrowthPoint ToPoint(DynArrayNative.GrowthPointNative x) => new(x.Pushes, x.Capacity, x.Grows, x.ElementsCopied, x.ElementsMoved);
}
