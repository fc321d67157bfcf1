namespace StatelessMind.Harness.Experiments;

/// <summary>A measured number with its unit. Key figures appear in the report index;
/// <paramref name="Target"/> states the goal's bar, if it has one (e.g. "≥ 10").</summary>
public sealed record Figure(string Name, double Value, string Unit, bool IsKey = false, string? Target = null)
{
    public string Formatted => $"{FormatValue(Value)} {Unit}".TrimEnd();

    public static string FormatValue(double value) => value switch
    {
        double.NaN => "n/a",
        _ when Math.Abs(value) >= 1000 => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        _ when Math.Abs(value) >= 10 || value == Math.Floor(value) => value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture),
        // Below 0.001 three decimals would print 0: an error of 1.2E-08 is not an error of 0.
        _ when Math.Abs(value) < 0.001 => value.ToString("0.##E+0", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
    };
}
