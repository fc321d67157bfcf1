using System.Globalization;

namespace StatelessMind.Labs.MathFoundations.LinearAlgebra;

/// <summary>
/// The physical limit of double-precision arithmetic on this machine: cores × FMA units per core × doubles per
/// FMA instruction × 2 flops per FMA × clock. Every figure but one comes from /proc/cpuinfo: the cores (its
/// <c>processor</c> entries), the vector width (the <c>avx512f</c>, <c>avx2</c>/<c>avx</c> flags: 8, 4 or 2 doubles),
/// whether multiply and add fuse (<c>fma</c>) and the clock (the cpufreq maximum when the kernel exposes it, else
/// <c>cpu MHz</c>). The number of FMA units per core is not in /proc/cpuinfo: <see cref="AssumedFmaUnitsPerCore"/>
/// (two, as on every x86 core since Haswell and Zen 2) makes the peak an upper bound.
/// </summary>
public sealed record MachinePeak(
    string Model,
    int Cores,
    double ClockGHz,
    string ClockSource,
    int DoublesPerVector,
    string WidthFlag,
    bool FusedMultiplyAdd,
    int FmaUnitsPerCore)
{
    public const int AssumedFmaUnitsPerCore = 2;

    /// <summary>Flops one core can retire per cycle.</summary>
    public double FlopsPerCycle => FmaUnitsPerCore * DoublesPerVector * (FusedMultiplyAdd ? 2 : 1);

    public double PerCoreGflops => FlopsPerCycle * ClockGHz;

    public double MachineGflops => PerCoreGflops * Cores;

    public string Formula => string.Create(CultureInfo.InvariantCulture,
        $"{Cores} cores × {FmaUnitsPerCore} FMA units (assumed) × {DoublesPerVector} doubles ({WidthFlag}) × {(FusedMultiplyAdd ? 2 : 1)} flops ({(FusedMultiplyAdd ? "fma" : "no fma")}) × {ClockGHz:0.###} GHz ({ClockSource}) = {MachineGflops:0.#} GFLOP/s");

    /// <summary>Reads this machine's /proc/cpuinfo and, when present, the cpufreq maximum of cpu0.</summary>
    public static MachinePeak OfThisMachine()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo)) throw new CpuInfoFormatException(cpuinfo, "file", "a Linux /proc/cpuinfo (this lab reads the peak from it)");
        const string maxFreq = "/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq";
        return Parse(File.ReadAllText(cpuinfo), cpuinfo, File.Exists(maxFreq) ? File.ReadAllText(maxFreq).Trim() : null);
    }

    /// <summary>Computes the peak from the text of /proc/cpuinfo.</summary>
    /// <param name="cpuinfo">The text.</param>
    /// <param name="source">Named in errors.</param>
    /// <param name="cpufreqMaxKHz">The content of cpufreq's cpuinfo_max_freq (kHz), or null.</param>
    public static MachinePeak Parse(string cpuinfo, string source = "/proc/cpuinfo", string? cpufreqMaxKHz = null)
    {
        var fields = cpuinfo.Split('\n')
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => (Key: parts[0].Trim(), Value: parts[1].Trim()))
            .ToList();
        var cores = fields.Count(f => f.Key == "processor");
        if (cores == 0) throw new CpuInfoFormatException(source, "processor", "at least one 'processor : N' line");
        var flagsLine = fields.FirstOrDefault(f => f.Key is "flags" or "Features").Value
                        ?? throw new CpuInfoFormatException(source, "flags", "a 'flags : …' line listing the CPU's features");
        var flags = flagsLine.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var (width, widthFlag) = flags.Contains("avx512f") ? (8, "avx512f")
            : flags.Contains("avx2") || flags.Contains("avx") ? (4, flags.Contains("avx2") ? "avx2" : "avx")
            : (2, "sse2");
        double ghz;
        string clockSource;
        if (cpufreqMaxKHz is not null)
        {
            if (!double.TryParse(cpufreqMaxKHz, NumberStyles.Float, CultureInfo.InvariantCulture, out var khz) || khz <= 0)
                throw new CpuInfoFormatException("cpufreq cpuinfo_max_freq", "value", $"a positive frequency in kHz, not '{cpufreqMaxKHz}'");
            ghz = khz / 1e6;
            clockSource = "cpufreq cpuinfo_max_freq";
        }
        else
        {
            var mhzText = fields.FirstOrDefault(f => f.Key == "cpu MHz").Value
                          ?? throw new CpuInfoFormatException(source, "cpu MHz", "a 'cpu MHz : …' line (or a cpufreq maximum)");
            if (!double.TryParse(mhzText, NumberStyles.Float, CultureInfo.InvariantCulture, out var mhz) || mhz <= 0)
                throw new CpuInfoFormatException(source, "cpu MHz", $"a positive number, not '{mhzText}'");
            ghz = mhz / 1e3;
            clockSource = "/proc/cpuinfo cpu MHz";
        }
        var model = fields.FirstOrDefault(f => f.Key == "model name").Value ?? "unknown CPU";
        return new MachinePeak(model, cores, ghz, clockSource, width, widthFlag, flags.Contains("fma"), AssumedFmaUnitsPerCore);
    }
}
