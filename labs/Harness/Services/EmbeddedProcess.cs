using System.Diagnostics;
using System.Text;

namespace StatelessMind.Harness.Services;

/// <summary>
/// What the embedded servers (redis-server, s3rver, prometheus) share: the process started with its pid recorded in its
/// instance folder (so that a later run's sweep finds it after a crash), its standard output and error kept (for the error
/// that says why it did not start), an optional line that says it is ready, and a stop by SIGKILL with a deadline that
/// removes the folder only once the process is gone.
/// </summary>
internal sealed class EmbeddedProcess
{
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<string, bool>? _isReadyLine;

    private EmbeddedProcess(Process process, Func<string, bool>? isReadyLine)
    {
        Process = process;
        _isReadyLine = isReadyLine;
    }

    public Process Process { get; }

    /// <summary>Everything the process wrote so far, standard output and error interleaved as received.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Starts <paramref name="start"/> (from <see cref="HostCommands.StartInfo"/>: both streams redirected) and
    /// records its pid in <paramref name="instanceDirectory"/>; <paramref name="isReadyLine"/> recognises the output line
    /// that says the server accepts connections.</summary>
    public static EmbeddedProcess Start(ProcessStartInfo start, string instanceDirectory, Func<string, bool>? isReadyLine = null)
    {
        var embedded = new EmbeddedProcess(Process.Start(start)!, isReadyLine);
        ServiceWorkspace.RecordServerPid(instanceDirectory, embedded.Process.Id);
        embedded.Process.OutputDataReceived += (_, e) => embedded.Receive(e.Data);
        embedded.Process.ErrorDataReceived += (_, e) => embedded.Receive(e.Data);
        embedded.Process.BeginOutputReadLine();
        embedded.Process.BeginErrorReadLine();
        return embedded;
    }

    private void Receive(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (_isReadyLine?.Invoke(line) == true) _ready.TrySetResult(line);
    }

    /// <summary>The ready line, or null when the process exited or <paramref name="timeout"/> passed first; then the
    /// process has been killed (its folder is the caller's to remove or reuse).</summary>
    public async Task<string?> WaitForReadyLineAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var first = await Task.WhenAny(_ready.Task, Process.WaitForExitAsync(cancellationToken), Task.Delay(timeout, cancellationToken));
        if (first == _ready.Task) return _ready.Task.Result;
        if (!Process.HasExited) Process.Kill();
        return null;
    }

    /// <summary>SIGKILL, then wait for the exit; a <see cref="TimeoutException"/> naming <paramref name="name"/> if it has
    /// not exited within <see cref="StopTimeout"/>.</summary>
    public static async Task KillAsync(Process process, string name, CancellationToken cancellationToken = default)
    {
        if (process.HasExited) return;
        process.Kill();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StopTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{name} (pid {process.Id}) was still running {StopTimeout.TotalSeconds:0} s after SIGKILL.");
        }
    }

    /// <summary>
    /// Stops an embedded server for good: kills <paramref name="process"/> (if any), then removes
    /// <paramref name="instanceDirectory"/> (if any) and its exit-time registration. A process that does not exit keeps
    /// its folder, says so on stderr, and the <see cref="TimeoutException"/> is thrown: the next run's sweep removes it.
    /// </summary>
    public static async Task StopAsync(Process? process, string name, string? instanceDirectory)
    {
        if (process is not null)
        {
            try
            {
                await KillAsync(process, name);
            }
            catch (TimeoutException e)
            {
                Console.Error.WriteLine($"stateless-mind: left {instanceDirectory}: {name} did not stop ({e.Message}); the folder stays for the next run's sweep.");
                throw;
            }
            process.Dispose();
        }
        if (instanceDirectory is not null)
        {
            ServiceWorkspace.Unregister(instanceDirectory);
            HostCommands.DeleteDirectory(instanceDirectory);
        }
    }
}
