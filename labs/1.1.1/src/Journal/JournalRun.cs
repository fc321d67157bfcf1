using System.Diagnostics;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.Journal;

/// <summary>
/// One run of the journal program as a child process: its stdout is read line by line as it comes
/// ("recovered …", "ack seq=… offset=…", "checkpoint …", "exit …"), so a test can wait for the n-th
/// acknowledgement, send a signal, and then collect every line the process printed before it died.
/// </summary>
public sealed class JournalRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();
    private readonly Task _stdout;
    private readonly Task<string> _stderr;
    private readonly SemaphoreSlim _lineArrived = new(0);
    private long _acks;
    private long _lastAckSeq = -1, _lastAckOffset = -1;

    private JournalRun(Process process)
    {
        _process = process;
        _stdout = PumpAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int Pid => _process.Id;

    /// <summary>Starts <c>journal --dir DIRECTORY ARGS…</c>.</summary>
    public static JournalRun Start(string program, string directory, params string[] args)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("--dir");
        psi.ArgumentList.Add(directory);
        foreach (var a in args) psi.ArgumentList.Add(a);
        try
        {
            return new JournalRun(Process.Start(psi)!);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ServiceUnavailableException($"Cannot run {program}: {e.Message}. Run `make native`.", e);
        }
    }

    public IReadOnlyList<string> Lines
    {
        get { lock (_gate) return [.. _lines]; }
    }

    public long Acks => Interlocked.Read(ref _acks);

    /// <summary>The seq and offset of the last acknowledged (fsync'd) record seen so far; -1 before the first ack.</summary>
    public (long Seq, long Offset) LastAck
    {
        get { lock (_gate) return (_lastAckSeq, _lastAckOffset); }
    }

    /// <summary>Waits (with a deadline) until the process has printed a line matching <paramref name="predicate"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        var seen = 0;
        while (true)
        {
            var lines = Lines;
            for (; seen < lines.Count; seen++)
                if (predicate(lines[seen])) return lines[seen];
            if (_stdout.IsCompleted && Lines.Count == seen)
                throw new InvalidOperationException($"The journal program exited before printing the expected line. Output:\n{string.Join('\n', lines)}\n{await StandardErrorAsync()}");
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"No expected line from the journal program within {timeout.TotalSeconds:0.#} s. Output so far:\n{string.Join('\n', lines)}");
            await _lineArrived.WaitAsync(left, cancellationToken);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> acks have been printed.</summary>
    public async Task WaitForAcksAsync(long count, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Acks < count)
        {
            if (_stdout.IsCompleted) throw new InvalidOperationException($"The journal program exited after {Acks} acks (waiting for {count}): {await StandardErrorAsync()}");
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"Only {Acks} of {count} acks within {timeout.TotalSeconds:0.#} s.");
            await _lineArrived.WaitAsync(left, cancellationToken);
        }
    }

    public void Signal(int signal)
    {
        if (!HostCommands.Signal(_process.Id, signal) && !_process.HasExited)
            throw new InvalidOperationException($"Could not send signal {signal} to the journal program (pid {_process.Id}).");
    }

    /// <summary>Waits for the process to end and for every line it printed; returns its exit code (128 + n when killed by signal n).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            await _stdout.WaitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The journal program (pid {_process.Id}) did not exit within {timeout.TotalSeconds:0.#} s.");
        }
        return _process.ExitCode;
    }

    public Task<string> StandardErrorAsync() => _stderr;

    private async Task PumpAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (_gate)
            {
                _lines.Add(line);
                if (line.StartsWith("ack ", StringComparison.Ordinal))
                {
                    var fields = KeyValueLine.Parse(line, "ack");
                    _lastAckSeq = fields.Number("seq");
                    _lastAckOffset = fields.Number("offset");
                    Interlocked.Increment(ref _acks);
                }
            }
            _lineArrived.Release();
        }
        _lineArrived.Release();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            HostCommands.Signal(_process.Id, HostCommands.SIGKILL);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _lineArrived.Dispose();
    }
}
