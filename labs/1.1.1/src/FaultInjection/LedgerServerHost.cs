using System.Globalization;
using Microsoft.Extensions.Logging;
using StatelessMind.Labs.Reliability.Logging;

namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// The ledger server as a process of its own (<c>StatelessMind.Labs.Reliability ledger-server --data FILE --log FILE</c>),
/// so that a crash can be a real SIGKILL: it recovers its log at start and says <c>ready records=N quarantined_bytes=B
/// stop=REASON</c>, then serves one request per line on stdin — <c>deposit KEY ACCOUNT AMOUNT CRASH</c>, where CRASH is
/// <c>none</c>, <c>before-apply</c>, <c>torn</c> or <c>before-reply</c> — answering <c>ok offset=O replayed=true|false</c> or
/// <c>error TYPE MESSAGE</c>. At a planned crash point it prints <c>crash-point WHERE</c> and waits there to be killed.
/// End of input stops it (exit 0). Its failure log (JSON lines) is appended to, across restarts.
/// </summary>
public static class LedgerServerHost
{
    public const string Command = "ledger-server";

    /// <summary>Crash points a request can name, besides <c>none</c>.</summary>
    public static IReadOnlyList<string> CrashPoints { get; } = ["before-apply", "torn", "before-reply"];

    /// <summary>Runs the server until <paramref name="input"/> ends; returns the process exit code (2 for bad arguments).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? data = null, log = null;
        var bug = FaultToleranceBug.None;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--data" when value is not null: data = value; i++; break;
                case "--log" when value is not null: log = value; i++; break;
                case "--bug" when value is not null && Enum.TryParse(value, ignoreCase: true, out bug): i++; break;
                default:
                    await error.WriteLineAsync($"{Command}: argument {i + 1} ('{args[i]}'{(value is null ? ", with no value after it" : $" {value}")}) is not understood; " +
                                               $"expected --data FILE --log FILE [--bug {string.Join("|", Enum.GetNames<FaultToleranceBug>())}].");
                    return 2;
            }
        }
        if (data is null || log is null)
        {
            await error.WriteLineAsync($"{Command}: --data FILE and --log FILE are required (got data={data ?? "none"}, log={log ?? "none"}).");
            return 2;
        }

        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(JsonLinesLoggerProvider.ToFile(log)));
        var injector = new FaultInjector(FaultPlan.None, loggers.CreateLogger("faults"));
        using var file = new FaultyFile(data, 64L << 20, injector);
        var recordLog = new ChecksummedRecordLog(file, loggers.CreateLogger("disk")) { Bug = bug };
        var server = new LedgerService(recordLog, injector, loggers.CreateLogger("server"))
        {
            Bug = bug,
            ProcessDeath = async where =>
            {
                await output.WriteLineAsync($"crash-point {where.Replace('\n', ' ')}");
                await output.FlushAsync();
                await Task.Delay(Timeout.Infinite); // the parent's SIGKILL ends this process here
            },
        };
        var ready = server.LastRecovery;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"ready records={ready.Records} quarantined_bytes={ready.QuarantinedBytes} stop={ready.StopReason.Replace(' ', '-')}"));
        await output.FlushAsync();

        var serial = 0;
        while (await input.ReadLineAsync() is { } line)
        {
            var reply = await ServeAsync(server, injector, line, ++serial);
            await output.WriteLineAsync(reply);
            await output.FlushAsync();
        }
        return 0;
    }

    private static async Task<string> ServeAsync(LedgerService server, FaultInjector injector, string line, int serial)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not ["deposit", var key, var account, var amount, var crash]
            || !int.TryParse(account, NumberStyles.Integer, CultureInfo.InvariantCulture, out var acct)
            || !long.TryParse(amount, NumberStyles.Integer, CultureInfo.InvariantCulture, out var amt)
            || (crash != "none" && !CrashPoints.Contains(crash)))
            return $"error FormatException request {serial} is not 'deposit KEY ACCOUNT AMOUNT none|{string.Join("|", CrashPoints)}': {line}";
        var operation = $"{key}/deposit";
        InjectedFault? fault = crash switch
        {
            "torn" => injector.Record(FaultKind.TornWrite, FailureClass.Transient, FailureComponent.Disk, operation, serial, "SIGKILL mid-append"),
            "before-apply" or "before-reply" => injector.Record(FaultKind.ProcessCrash, FailureClass.Transient, FailureComponent.Process, operation, serial, crash),
            _ => null,
        };
        try
        {
            var receipt = await server.DepositAsync(new DepositRequest(key, acct, amt), new AttemptContext(operation, serial, fault, injector), CancellationToken.None);
            return string.Create(CultureInfo.InvariantCulture, $"ok offset={receipt.Offset} replayed={(receipt.Replayed ? "true" : "false")}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"error {e.GetType().Name} {e.Message.Replace('\n', ' ')}";
        }
    }
}
