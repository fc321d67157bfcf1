using System.Diagnostics;
using System.Net;
using System.Text;

namespace StatelessMind.Dataflow.MapReduce;

/// <summary>
/// A worker running as its own OS process: <c>dotnet StatelessMind.Dataflow.Worker.dll --coordinator 127.0.0.1:PORT</c>,
/// with the runtime told it has as many cores as it has task threads (one, for horizontal scaling), so that a worker
/// is a small machine. Killing it (SIGKILL) is a real crash: its connection drops and its task is lost.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    /// <summary>The worker executable's file name; it is copied beside any assembly that references the worker project.</summary>
    public const string AssemblyFileName = "StatelessMind.Dataflow.Worker.dll";

    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private WorkerProcess(Process process)
    {
        _process = process;
        Pid = process.Id;
        StartedAtUtc = DateTime.UtcNow;
    }

    public int Pid { get; }
    public DateTime StartedAtUtc { get; }

    /// <summary>When the process ended (UTC), once it has.</summary>
    public DateTime? ExitedAtUtc { get; private set; }

    /// <summary>The exit code, when the process has ended (137 or -1 style codes for a kill, depending on the runtime).</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    public string StandardError
    {
        get { lock (_errors) return _errors.ToString(); }
    }

    /// <summary>Where the worker assembly is expected: beside this library.</summary>
    public static string WorkerAssemblyPath =>
        Path.Combine(Path.GetDirectoryName(typeof(WorkerProcess).Assembly.Location)!, AssemblyFileName);

    /// <summary>Starts a worker process for the coordinator at <paramref name="coordinator"/>.</summary>
    /// <param name="coordinator">The coordinator's loopback endpoint.</param>
    /// <param name="threads">Task loops in the process (1: a single-threaded worker).</param>
    public static WorkerProcess Start(IPEndPoint coordinator, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var dll = WorkerAssemblyPath;
        if (!File.Exists(dll) || !File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
            throw new FileNotFoundException($"The worker executable '{dll}' (with its .runtimeconfig.json) is not there: the project that starts " +
                                            "workers must reference labs/Dataflow/worker/Dataflow.Worker.csproj.", dll);
        var psi = new ProcessStartInfo(DotnetHost.Locate())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var a in (string[])["exec", dll, "--coordinator", coordinator.ToString(), "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_PROCESSOR_COUNT"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["DOTNET_gcServer"] = "0";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        WorkerProcess? worker = null;
        process.Exited += (_, _) => worker?.OnExited();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null || worker is null) return;
            lock (worker._errors) worker._errors.AppendLine(e.Data);
        };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        worker = new WorkerProcess(process);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        if (process.HasExited) worker.OnExited();
        return worker;
    }

    /// <summary>SIGKILL: the process dies at once, mid-task if it was running one.</summary>
    public void Kill()
    {
        if (Volatile.Read(ref _disposed) == 1 && _exited.Task.IsCompleted) return;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException) { } // already gone
    }

    private void OnExited()
    {
        if (_exited.Task.IsCompleted) return;
        ExitedAtUtc = DateTime.UtcNow;
        int code;
        try { code = _process.ExitCode; }
        catch (InvalidOperationException) { code = -1; }
        _exited.TrySetResult(code);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        Kill();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException) { }
        OnExited();
        _process.Dispose();
    }
}
