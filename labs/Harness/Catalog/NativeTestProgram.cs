using System.Globalization;
using System.Text.RegularExpressions;
using StatelessMind.Harness.Services;

namespace StatelessMind.Harness;

/// <summary>
/// Runs a native test program of native/build/bin (the C tests ctest runs, built on sm_check.h), optionally only its
/// tests whose name contains a filter (`test_alloc coalescing`), and reads the "suite: N checks, F failed" line it
/// ends with. This is how a lab's xUnit tests give each C exercise region a component test of its own.
/// </summary>
public static partial class NativeTestProgram
{
    public static async Task<NativeTestOutcome> RunAsync(string program, string? only = null, CancellationToken cancellationToken = default)
    {
        var path = NativeArtifacts.CProgram(program);
        string[] args = only is null ? [] : [only];
        var result = await HostCommands.RunAsync(path, args, cancellationToken: cancellationToken);
        var output = (result.StandardOutput + result.StandardError).Trim();
        var summary = SummaryLine().Matches(result.StandardOutput).LastOrDefault();
        return summary is null
            ? new NativeTestOutcome(result.Command, 0, 0, result.ExitCode, output)
            : new NativeTestOutcome(result.Command, int.Parse(summary.Groups["checks"].Value, CultureInfo.InvariantCulture),
                int.Parse(summary.Groups["failed"].Value, CultureInfo.InvariantCulture), result.ExitCode, output);
    }

    [GeneratedRegex(@"^\S[^\n]*: (?<checks>\d+) checks, (?<failed>\d+) failed$", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();
}
