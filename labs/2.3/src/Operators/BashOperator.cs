using System.Diagnostics;

namespace StatelessMind.Labs.Orchestration.Operators;

/// <summary>Runs a shell command with <c>bash -c</c> (templated: <c>{{ ds }}</c> …). A non-zero exit fails the try; the last
/// line of standard output is the return value, as Airflow's BashOperator pushes it.</summary>
public sealed class BashOperator(string command, IReadOnlyDictionary<string, string>? environment = null) : IOperator
{
    public string Kind => "bash";
    public string Command { get; } = command;

    public async Task<object?> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        var rendered = context.Render(Command);
        context.Log.Info("bash", new() { ["command"] = rendered });
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(rendered);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        foreach (var (name, value) in context.TemplateVariables) start.Environment["AIRFLOW_CTX_" + name.ToUpperInvariant()] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var output = await stdout;
        var errors = await stderr;
        context.Log.Info("bash finished", new() { ["exit_code"] = process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture), ["stderr"] = errors.Trim() });
        if (process.ExitCode != 0) throw new InvalidOperationException($"bash exited with code {process.ExitCode}: {errors.Trim()}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? null : lines[^1];
    }
}
