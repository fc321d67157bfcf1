using System.Diagnostics;
using System.Runtime.InteropServices;

namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>
/// Runs one transfer in a coordinator process of its own (<see cref="CoordinatorProgram"/>) and decides what happens at
/// its crash point: <c>onStop</c> returns false to SIGKILL the process there — a real crash: its sessions are never
/// closed, the server sees their sockets drop — or true to let it go on (after killing a participant, say).
/// </summary>
public static class CoordinatorProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    public static async Task<CoordinatorRun> RunAsync(CoordinatorCommandLine command, Func<CoordinatorStop, CancellationToken, Task<bool>> onStop,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var (host, prefix) = Launcher();
        var psi = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in prefix.Concat(command.ToArgs())) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {host} {string.Join(' ', prefix)}.");
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        CoordinatorStop? stoppedAt = null;
        try
        {
            while (true)
            {
                string? line;
                try
                {
                    line = await process.StandardOutput.ReadLineAsync(deadline.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"The coordinator process {process.Id} (transfer {command.Transfer.Id}) said nothing conclusive within {(timeout ?? DefaultTimeout).TotalSeconds:0} s.");
                }
                if (line is null)
                {
                    await process.WaitForExitAsync(CancellationToken.None);
                    throw new InvalidOperationException($"The coordinator process {process.Id} (transfer {command.Transfer.Id}) exited with {process.ExitCode} without a result: {await stderr}");
                }
                if (line.StartsWith("at ", StringComparison.Ordinal))
                {
                    stoppedAt = ParseStop(line);
                    if (await onStop(stoppedAt, cancellationToken))
                    {
                        await process.StandardInput.WriteLineAsync("continue");
                        await process.StandardInput.FlushAsync(cancellationToken);
                        continue;
                    }
                    var killedAt = Stopwatch.GetTimestamp();
                    process.Kill();
                    await process.WaitForExitAsync(CancellationToken.None);
                    return new CoordinatorRun(process.Id, stoppedAt, true, killedAt, process.ExitCode, null, null);
                }
                if (line.StartsWith("result ", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ', 3);
                    await process.WaitForExitAsync(CancellationToken.None);
                    return new CoordinatorRun(process.Id, stoppedAt, false, 0, process.ExitCode, Enum.Parse<TransferOutcome>(parts[1]), parts.Length > 2 ? parts[2] : null);
                }
                throw new InvalidOperationException($"The coordinator process {process.Id} printed an unexpected line: '{line}'.");
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    private static CoordinatorStop ParseStop(string line)
    {
        var parts = line.Split(' ');
        return parts.Length == 4 && Enum.TryParse<CrashPoint>(parts[1], out var point) && Enum.TryParse<TwoPhaseStep>(parts[2], out var step)
                                 && int.TryParse(parts[3], System.Globalization.CultureInfo.InvariantCulture, out var participant)
            ? new CoordinatorStop(point, step, participant)
            : throw new InvalidOperationException($"A coordinator process printed '{line}', expected 'at POINT STEP PARTICIPANT'.");
    }

    /// <summary>The dotnet host and the arguments that run this assembly (an executable with its runtimeconfig beside it).</summary>
    private static (string Host, string[] Prefix) Launcher()
    {
        var assembly = typeof(CoordinatorProgram).Assembly.Location;
        if (!File.Exists(Path.ChangeExtension(assembly, ".runtimeconfig.json")))
            throw new InvalidOperationException($"{assembly} has no runtimeconfig.json beside it, so it cannot run as the coordinator process: build labs/1.1.3.");
        var candidates = new[]
        {
            Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet")),
            Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root ? Path.Combine(root, "dotnet") : null,
            Environment.ProcessPath is { } self && Path.GetFileName(self) == "dotnet" ? self : null,
        };
        var host = candidates.FirstOrDefault(c => c is not null && File.Exists(c)) ?? "dotnet";
        return (host, ["exec", assembly]);
    }
}
