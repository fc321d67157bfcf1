namespace StatelessMind.Labs.MathFoundations.LinearAlgebra;

/// <summary>/proc/cpuinfo (or the text given in its place) lacks a field the peak computation needs.</summary>
public sealed class CpuInfoFormatException(string source, string field, string expected)
    : FormatException($"{source}: {field}: expected {expected}.")
{
    public string Field { get; } = field;
}
