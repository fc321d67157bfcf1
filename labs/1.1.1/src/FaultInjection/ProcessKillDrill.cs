namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// Process crashes for real: the ledger server runs as a child process; deposits are sent to it one by one with a crash
/// point cycling through none, before-apply, torn (mid-append) and before-reply; at a crash point the server stops and
/// is SIGKILLed, restarted (recovering its log, quarantining a torn tail) and the client retries the same deposit with
/// the same idempotency key. At the end the durable log must hold every acknowledged deposit exactly once.
/// </summary>
public static class ProcessKillDrill
{
    private static readonly string[] Cycle = ["none", "before-apply", "torn", "before-reply"];

    public static async Task<ProcessKillDrillResult> RunAsync(string directory, int deposits, int seed, FaultToleranceBug bug = FaultToleranceBug.None,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(deposits);
        Directory.CreateDirectory(directory);
        var data = Path.Combine(directory, "ledger.dat");
        var log = Path.Combine(directory, "failures.jsonl");
        var step = TimeSpan.FromSeconds(60);
        var random = new Random(seed);
        var kills = new List<ProcessKill>();
        var acknowledged = new List<DepositRequest>();
        var server = await LedgerServerProcess.StartAsync(data, log, bug, step, cancellationToken);
        try
        {
            for (var i = 0; i < deposits; i++)
            {
                var request = new DepositRequest($"kill-{seed}-{i:D4}", random.Next(16), 1 + random.Next(1000));
                var crashAt = Cycle[i % Cycle.Length];
                ProcessKill? kill = null;
                while (true)
                {
                    var reply = await server.DepositAsync(request, kill is null ? crashAt : "none", step, cancellationToken);
                    if (reply.CrashPoint is { } where)
                    {
                        var exit = await server.KillAsync(step, cancellationToken);
                        await server.DisposeAsync();
                        server = await LedgerServerProcess.StartAsync(data, log, bug, step, cancellationToken);
                        kill = new ProcessKill(i, crashAt, where, exit, server.Ready.Records, server.Ready.QuarantinedBytes, RetryReplayed: false);
                        continue; // the client's retry: same key, no crash planned this time
                    }
                    if (reply.Receipt is not { } receipt)
                        throw new InvalidOperationException($"Deposit {request.IdempotencyKey} failed in the ledger server: {reply.Error}");
                    acknowledged.Add(request);
                    if (kill is not null) kills.Add(kill with { RetryReplayed = receipt.Replayed });
                    break;
                }
            }
            var exitCode = await server.StopAsync(step, cancellationToken);
            var quarantined = Directory.EnumerateFiles(directory, "ledger.dat.discarded-*").Sum(f => new FileInfo(f).Length);
            return new ProcessKillDrillResult(deposits, acknowledged.Sum(a => a.Amount), kills, acknowledged.Count, LedgerAudit.Read(data, acknowledged),
                quarantined, exitCode);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
