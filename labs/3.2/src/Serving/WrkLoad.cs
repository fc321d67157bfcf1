using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.MlOps.Serving;

/// <summary>
/// Load from <c>wrk</c> (Debian's package, installed by <c>make setup</c>): a separate process with its own event loop,
/// <c>--latency</c> for the percentiles, and a Lua script that makes every request a <c>POST /predict</c> and cycles
/// through the given inputs.
/// </summary>
public static partial class WrkLoad
{
    /// <summary>wrk's path on PATH, or null when it is not installed.</summary>
    public static string? Find() => HostCommands.FindOnPath("wrk");

    public static async Task<LoadResult> RunAsync(string wrk, Uri server, IReadOnlyList<float[]> inputs, TimeSpan duration, int connections, int threads,
        CancellationToken cancellationToken = default)
    {
        var script = Path.Combine(Path.GetTempPath(), $"sm-wrk-{Guid.NewGuid():N}.lua");
        File.WriteAllText(script, Script(inputs));
        try
        {
            var start = new ProcessStartInfo(wrk)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { $"-t{threads}", $"-c{connections}", $"-d{(int)Math.Ceiling(duration.TotalSeconds)}s", "--latency", "-s", script,
                         new Uri(server, "predict").ToString() })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0) throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {await error}");
            return Parse(await output, $"wrk, {threads} threads, {connections} connections");
        }
        finally
        {
            File.Delete(script);
        }
    }

    internal static string Script(IReadOnlyList<float[]> inputs)
    {
        var lua = new StringBuilder("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nlocal bodies = {\n");
        foreach (var input in inputs)
            lua.Append(CultureInfo.InvariantCulture, $"  '{{\"features\":[{string.Join(',', input.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}]}}',\n");
        lua.Append("}\nlocal i = 0\nrequest = function()\n  i = i % #bodies + 1\n  return wrk.format(nil, nil, nil, bodies[i])\nend\n");
        return lua.ToString();
    }

    /// <summary>Reads wrk's report: the request count and time, the 50th and 99th percentiles of the latency
    /// distribution, and failures (non-2xx answers and socket errors).</summary>
    /// <exception cref="FormatException">The text lacks a line wrk always prints.</exception>
    internal static LoadResult Parse(string output, string generator)
    {
        var total = TotalLine().Match(output);
        if (!total.Success) throw new FormatException($"No 'N requests in T' line in wrk's output:\n{output}");
        var requests = int.Parse(total.Groups["n"].Value, CultureInfo.InvariantCulture);
        var seconds = Duration(total.Groups["t"].Value, total.Groups["u"].Value) / 1000;
        var failures = 0;
        var non2xx = Non2xxLine().Match(output);
        if (non2xx.Success) failures += int.Parse(non2xx.Groups["n"].Value, CultureInfo.InvariantCulture);
        var socket = SocketErrorsLine().Match(output);
        if (socket.Success)
            failures += new[] { "c", "r", "w", "o" }.Sum(g => int.Parse(socket.Groups[g].Value, CultureInfo.InvariantCulture));
        return new LoadResult(requests, failures, seconds, Percentile(output, "50"), Percentile(output, "99"), generator);
    }

    private static double Percentile(string output, string percent)
    {
        var match = Regex.Match(output, $@"^\s*{percent}%\s+(?<v>[0-9.]+)(?<u>us|ms|s|m)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        if (!match.Success) throw new FormatException($"No {percent}% line in wrk's latency distribution:\n{output}");
        return Duration(match.Groups["v"].Value, match.Groups["u"].Value);
    }

    /// <summary>A wrk duration in milliseconds.</summary>
    private static double Duration(string value, string unit) => double.Parse(value, CultureInfo.InvariantCulture) * unit switch
    {
        "us" => 0.001,
        "ms" => 1,
        "s" => 1000,
        "m" => 60_000,
        _ => throw new FormatException($"Unknown wrk time unit '{unit}'."),
    };

    [GeneratedRegex(@"^\s*(?<n>\d+) requests in (?<t>[0-9.]+)(?<u>us|ms|s|m),", RegexOptions.Multiline)]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s*(?<n>\d+)")]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"Socket errors: connect (?<c>\d+), read (?<r>\d+), write (?<w>\d+), timeout (?<o>\d+)")]
    private static partial Regex SocketErrorsLine();
}
