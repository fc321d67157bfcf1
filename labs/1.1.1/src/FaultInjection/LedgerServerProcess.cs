using System.Diagnostics;
using System.Globalization;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// The parent's handle on one run of the ledger server process (<see cref="LedgerServerHost"/>): starts it and reads
/// its recovery report, sends deposits and reads the replies, and kills it with SIGKILL when it stops at a crash point.
/// </summary>
public sealed class LedgerServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private LedgerServerProcess(Process process, LedgerServerReady ready)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
        Ready = ready;
    }

    public int Pid => _process.Id;

    /// <summary>What the server recovered from its log when it started.</summary>
    public LedgerServerReady Ready { get; }

    /// <summary>Starts the server on <paramref name="dataPath"/> and waits until it has recovered its log and says so.</summary>
    public static async Task<LedgerServerProcess> StartAsync(string dataPath, string logPath, FaultToleranceBug bug, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var psi = StartInfo([LedgerServerHost.Command, "--data", dataPath, "--log", logPath, "--bug", bug.ToString()]);
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {psi.FileName}.");
        var line = await ReadLineAsync(process, timeout, "its recovery report", cancellationToken);
        var fields = line?.Split(' ') ?? [];
        if (fields is not ["ready", var records, var quarantined, var stop])
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
            throw new InvalidOperationException($"The ledger server did not report ready (it said: {line ?? "nothing"}): {await process.StandardError.ReadToEndAsync(CancellationToken.None)}");
        }
        return new LedgerServerProcess(process, new LedgerServerReady(Number(records), Number(quarantined), stop.Split('=')[1]));
    }

    /// <summary>Sends one deposit, with a crash planned at <paramref name="crashAt"/> (<c>none</c> or one of
    /// <see cref="LedgerServerHost.CrashPoints"/>), and returns the server's reply.</summary>
    public async Task<LedgerServerReply> DepositAsync(DepositRequest request, string crashAt, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _process.StandardInput.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"deposit {request.IdempotencyKey} {request.Account} {request.Amount} {crashAt}"));
        await _process.StandardInput.FlushAsync(cancellationToken);
        var line = await ReadLineAsync(_process, timeout, $"the reply to {request.IdempotencyKey}", cancellationToken)
                   ?? throw new InvalidOperationException($"The ledger server (pid {Pid}) exited without replying to {request.IdempotencyKey}: {await _stderr}");
        if (line.StartsWith("crash-point ", StringComparison.Ordinal)) return new LedgerServerReply(null, line["crash-point ".Length..], null);
        if (line.StartsWith("error ", StringComparison.Ordinal)) return new LedgerServerReply(null, null, line["error ".Length..]);
        var parts = line.Split(' ');
        if (parts is not ["ok", var offset, var replayed])
            throw new FormatException($"The ledger server's reply to {request.IdempotencyKey} is not 'ok offset=O replayed=B': {line}");
        return new LedgerServerReply(new DepositReceipt(request.IdempotencyKey, request.Account, request.Amount, Number(offset), replayed == "replayed=true"), null, null);
    }

    /// <summary>SIGKILL: the process dies where it stands, with no chance to clean up. Returns its exit code (128 + 9).</summary>
    public async Task<int> KillAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!HostCommands.Signal(_process.Id, HostCommands.SIGKILL) && !_process.HasExited)
            throw new InvalidOperationException($"Could not send SIGKILL to the ledger server (pid {_process.Id}).");
        return await WaitForExitAsync(timeout, cancellationToken);
    }

    /// <summary>Ends its input: the server finishes and exits 0.</summary>
    public async Task<int> StopAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        _process.StandardInput.Close();
        return await WaitForExitAsync(timeout, cancellationToken);
    }

    private async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The ledger server (pid {_process.Id}) did not exit within {timeout.TotalSeconds:0.#} s.");
        }
        return _process.ExitCode;
    }

    /// <summary>How to run this assembly's entry point: through the dotnet host that runs us, else the assembly's own
    /// launcher beside it, else dotnet from PATH.</summary>
    private static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var assembly = typeof(LedgerServerHost).Assembly.Location;
        var host = Environment.ProcessPath;
        var launcher = Path.ChangeExtension(assembly, null);
        ProcessStartInfo psi;
        if (host is not null && Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            psi = new ProcessStartInfo(host);
            psi.ArgumentList.Add("exec");
            psi.ArgumentList.Add(assembly);
        }
        else if (File.Exists(launcher))
        {
            psi = new ProcessStartInfo(launcher);
        }
        else
        {
            psi = new ProcessStartInfo("dotnet");
            psi.ArgumentList.Add(assembly);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.RedirectStandardInput = psi.RedirectStandardOutput = psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        return psi;
    }

    private static async Task<string?> ReadLineAsync(Process process, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            return await process.StandardOutput.ReadLineAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The ledger server (pid {process.Id}) gave no {what} within {timeout.TotalSeconds:0.#} s.");
        }
    }

    private static long Number(string field) =>
        long.Parse(field.AsSpan(field.IndexOf('=', StringComparison.Ordinal) + 1), NumberStyles.Integer, CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            HostCommands.Signal(_process.Id, HostCommands.SIGKILL);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
