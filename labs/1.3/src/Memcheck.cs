using System.Globalization;
using System.Text.RegularExpressions;
using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Programming;

/// <summary>Runs a program under valgrind's memcheck and reads the summary it prints.</summary>
public static partial class Memcheck
{
    [GeneratedRegex(@"ERROR SUMMARY: ([\d,]+) errors")]
    private static partial Regex ErrorSummary();

    [GeneratedRegex(@"definitely lost: ([\d,]+) bytes")]
    private static partial Regex DefinitelyLost();

    [GeneratedRegex(@"in use at exit: ([\d,]+) bytes")]
    private static partial Regex InUseAtExit();

    public static async Task<MemcheckReport> RunAsync(string program, IReadOnlyList<string>? arguments = null, CancellationToken cancellationToken = default)
    {
        var valgrind = NativeArtifacts.Tool("valgrind", "install the Debian package 'valgrind' (make setup does)");
        string[] args =
        [
            "--leak-check=full", "--show-leak-kinds=definite,indirect,possible",
            "--errors-for-leak-kinds=definite,indirect,possible", "--error-exitcode=99", program, .. arguments ?? [],
        ];
        var result = await HostCommands.RunAsync(valgrind, args, cancellationToken: cancellationToken);
        return Parse(Path.GetFileName(program), result.ExitCode, result.StandardError + result.StandardOutput);
    }

    /// <summary>Reads memcheck's summary lines; a run that freed everything prints no leak summary at all.</summary>
    public static MemcheckReport Parse(string program, int exitCode, string output)
    {
        var errors = ErrorSummary().Match(output);
        if (!errors.Success)
            throw new FormatException($"valgrind's output for '{program}' has no 'ERROR SUMMARY' line (did valgrind run?):{Environment.NewLine}{output}");
        long Bytes(Match m) => m.Success ? long.Parse(m.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture) : 0;
        return new MemcheckReport(program, exitCode, (int)Bytes(errors), Bytes(DefinitelyLost().Match(output)), Bytes(InUseAtExit().Match(output)), output);
    }
}
