using System.Globalization;
using System.Runtime.InteropServices;

namespace StatelessMind.Harness.Reporting;

/// <summary>The machine a run measured on: what a reader needs to weigh its figures.</summary>
/// <param name="Cores">Logical processors this process may use.</param>
/// <param name="CpuModel">The CPU's model name (from /proc/cpuinfo).</param>
/// <param name="OperatingSystem">The distribution's name (PRETTY_NAME of /etc/os-release).</param>
/// <param name="Kernel">The kernel release.</param>
/// <param name="Runtime">The .NET runtime.</param>
public sealed record MachineDescription(int Cores, string CpuModel, string OperatingSystem, string Kernel, string Runtime)
{
    /// <summary>This machine.</summary>
    public static MachineDescription Current() => new(
        Environment.ProcessorCount,
        ReadCpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString(),
        ReadOsName() ?? RuntimeInformation.OSDescription,
        ReadFirstLine("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.Version.ToString(),
        RuntimeInformation.FrameworkDescription);

    /// <summary>"2 cores, Intel(R) Xeon(R) …, Debian GNU/Linux 12 (bookworm), Linux 6.1.0, .NET 10.0.0".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Cores} cores, {CpuModel}, {OperatingSystem}, Linux {Kernel}, {Runtime}");

    private static string? ReadCpuModel()
    {
        // x86: "model name : …"; some ARM kernels name it "Model" or only give "CPU part".
        foreach (var line in ReadLines("/proc/cpuinfo"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) continue;
            var key = line[..colon].Trim();
            if (key is "model name" or "Model") return line[(colon + 1)..].Trim();
        }
        return null;
    }

    private static string? ReadOsName() =>
        ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"');

    private static string? ReadFirstLine(string path) => ReadLines(path).FirstOrDefault()?.Trim();

    private static IEnumerable<string> ReadLines(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllLines(path) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
