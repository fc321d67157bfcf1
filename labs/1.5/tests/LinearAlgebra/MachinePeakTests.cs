using StatelessMind.Labs.MathFoundations.LinearAlgebra;

namespace StatelessMind.Labs.MathFoundations.Tests.LinearAlgebra;

[Goal("1.5-1")]
public sealed class MachinePeakTests
{
    private const string TwoCoresWithAvx512 = """
        processor	: 0
        model name	: Example CPU
        cpu MHz		: 2500.000
        flags		: fpu sse2 avx avx2 fma avx512f
        processor	: 1
        model name	: Example CPU
        cpu MHz		: 2500.000
        flags		: fpu sse2 avx avx2 fma avx512f
        """;

    [Fact]
    public void The_peak_is_cores_times_units_times_width_times_two_times_the_clock()
    {
        var peak = MachinePeak.Parse(TwoCoresWithAvx512);
        Assert.Equal(2, peak.Cores);
        Assert.Equal(8, peak.DoublesPerVector);
        Assert.True(peak.FusedMultiplyAdd);
        // 2 units × 8 doubles × 2 flops × 2.5 GHz = 80 GFLOP/s per core, 160 for two cores
        Assert.Equal(80, peak.PerCoreGflops, 9);
        Assert.Equal(160, peak.MachineGflops, 9);
        Assert.Equal("/proc/cpuinfo cpu MHz", peak.ClockSource);
    }

    [Fact]
    public void The_cpufreq_maximum_wins_over_cpu_mhz_and_avx2_means_four_doubles()
    {
        var peak = MachinePeak.Parse(TwoCoresWithAvx512.Replace(" avx512f", "", StringComparison.Ordinal), cpufreqMaxKHz: "3000000");
        Assert.Equal(4, peak.DoublesPerVector);
        Assert.Equal(3.0, peak.ClockGHz, 9);
        Assert.Equal(48, peak.PerCoreGflops, 9);
    }

    [Fact]
    public void Text_without_flags_is_a_typed_error_naming_the_field()
    {
        var error = Assert.Throws<CpuInfoFormatException>(() => MachinePeak.Parse("processor : 0\ncpu MHz : 1000\n"));
        Assert.Equal("flags", error.Field);
        Assert.Throws<CpuInfoFormatException>(() => MachinePeak.Parse("processor : 0\nflags : fma\ncpu MHz : fast\n"));
    }

    [Fact]
    public void This_machine_has_a_positive_peak_read_from_proc_cpuinfo()
    {
        var peak = MachinePeak.OfThisMachine();
        Assert.Equal(Environment.ProcessorCount, peak.Cores);
        Assert.True(peak.MachineGflops > 0);
    }
}
