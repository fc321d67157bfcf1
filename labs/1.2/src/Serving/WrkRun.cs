using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace StatelessMind.Labs.Lifecycle.Serving;

/// <summary>A load test by <c>wrk</c> (installed by <c>make setup</c>): requests per second and latency percentiles of one GET, from wrk's own report.</summary>
public sealed partial record WrkRun(long Requests, double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds, long Errors)
{
    public static async Task<WrkRun> RunAsync(string wrk, Uri url, TimeSpan duration, int connections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var start = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-t2", $"-c{connections}", $"-d{(int)Math.Ceiling(duration.TotalSeconds)}s", "--latency", url.ToString() }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{wrk} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {await error}");
        return Parse(await output);
    }

    /// <summary>Reads "N requests in …", "Requests/sec:", the 50% and 99% lines of "Latency Distribution", and non-2xx/3xx and socket errors.</summary>
    public static WrkRun Parse(string report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var requests = long.Parse(Need(RequestsLine(), report, "N requests in"), CultureInfo.InvariantCulture);
        var rate = double.Parse(Need(RateLine(), report, "Requests/sec"), CultureInfo.InvariantCulture);
        long errors = 0;
        if (Non2xxLine().Match(report) is { Success: true } n) errors += long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture);
        if (SocketLine().Match(report) is { Success: true } s) errors += Enumerable.Range(1, 4).Sum(g => long.Parse(s.Groups[g].Value, CultureInfo.InvariantCulture));
        return new WrkRun(requests, rate, Percentile(report, "50"), Percentile(report, "99"), errors);
    }

    private static double Percentile(string report, string percent)
    {
        var m = Regex.Match(report, $@"^\s*{percent}%\s+([0-9.]+)(us|ms|s)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        if (!m.Success) throw new FormatException($"wrk's report has no {percent}% latency line:\n{report}");
        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value / 1000, "ms" => value, _ => value * 1000 };
    }

    private static string Need(Regex regex, string report, string what) =>
        regex.Match(report) is { Success: true } m ? m.Groups[1].Value : throw new FormatException($"wrk's report has no '{what}' line:\n{report}");

    [GeneratedRegex(@"^\s*(\d+) requests in", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"^Requests/sec:\s+([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex RateLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketLine();
}
