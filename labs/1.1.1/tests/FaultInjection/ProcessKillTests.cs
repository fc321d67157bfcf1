using StatelessMind.Labs.Reliability.FaultInjection;

namespace StatelessMind.Labs.Reliability.Tests.FaultInjection;

/// <summary>1.1.1-1f with real crashes: the ledger server as a child process, SIGKILLed at each crash point.</summary>
public sealed class ProcessKillTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new("kill");

    public void Dispose() => _dir.Dispose();

    [Fact]
    [Goal("1.1.1-1")]
    public async Task SIGKILL_at_every_crash_point_loses_no_acknowledged_deposit_and_applies_none_twice()
    {
        var drill = await ProcessKillDrill.RunAsync(_dir.Sub("drill"), deposits: 12, seed: 5);
        foreach (var k in drill.Kills)
            output.WriteLine($"deposit {k.Deposit}: killed {k.Where} (exit {k.ExitCode}); restart replayed {k.RecordsAfterRestart} records, " +
                             $"quarantined {k.QuarantinedBytes} bytes; retry {(k.RetryReplayed ? "found it applied" : "applied it")}");
        output.WriteLine($"{drill.Acknowledged} acknowledged; log holds {drill.Audit.StoredDeposits}, duplicates {drill.Audit.DuplicateKeys.Count}, missing {drill.Audit.MissingAcknowledged.Count}");
        Assert.Equal(9, drill.Kills.Count);
        Assert.Equal([3, 3, 3], drill.Kills.GroupBy(k => k.CrashPoint).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Count()));
        Assert.True(drill.EveryKillWasSigkill, string.Join(", ", drill.Kills.Select(k => k.ExitCode)));
        Assert.True(drill.ExactlyOnce);
        Assert.Equal(12, drill.Audit.StoredDeposits);
        Assert.True(drill.TornTailsQuarantined, $"{drill.QuarantinedFileBytes} bytes in quarantine files");
        Assert.True(drill.RetriesFoundWhatWasDurable);
        Assert.Equal(0, drill.FinalExitCode);
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task A_server_that_ignores_idempotency_keys_applies_a_deposit_twice_after_a_kill_before_the_reply()
    {
        var drill = await ProcessKillDrill.RunAsync(_dir.Sub("nokeys"), deposits: 8, seed: 5, bug: FaultToleranceBug.IgnoreIdempotencyKeys);
        output.WriteLine($"duplicates: {string.Join(", ", drill.Audit.DuplicateKeys)}");
        Assert.False(drill.ExactlyOnce);
        Assert.Equal(drill.Kills.Where(k => k.CrashPoint == "before-reply").Select(k => $"kill-5-{k.Deposit:D4}"), drill.Audit.DuplicateKeys);
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task The_server_program_names_a_bad_argument()
    {
        using var error = new StringWriter();
        Assert.Equal(2, await LedgerServerHost.RunAsync(["--data", "/tmp/x", "--bogus"], TextReader.Null, TextWriter.Null, error));
        Assert.Contains("argument 3 ('--bogus', with no value after it) is not understood", error.ToString());
        using var error2 = new StringWriter();
        Assert.Equal(2, await LedgerServerHost.RunAsync(["--data", "/tmp/x"], TextReader.Null, TextWriter.Null, error2));
        Assert.Contains("--data FILE and --log FILE are required", error2.ToString());
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task The_server_answers_a_malformed_request_with_an_error_naming_it()
    {
        var dir = _dir.Sub("malformed");
        Directory.CreateDirectory(dir);
        using var output2 = new StringWriter();
        var code = await LedgerServerHost.RunAsync(["--data", Path.Combine(dir, "ledger.dat"), "--log", Path.Combine(dir, "log.jsonl")],
            new StringReader("deposit k 1\n"), output2, TextWriter.Null);
        Assert.Equal(0, code);
        var lines = output2.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ready records=0 quarantined_bytes=0", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("error FormatException request 1 is not 'deposit KEY ACCOUNT AMOUNT", lines[1], StringComparison.Ordinal);
    }
}
