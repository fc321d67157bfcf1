namespace StatelessMind.Harness.Services;

/// <summary>An external command (initdb, pg_ctl, redis-server …) exited non-zero; carries what it printed.</summary>
public sealed class CommandFailedException(string command, int exitCode, string output)
    : Exception($"'{command}' exited with code {exitCode}.{(output.Length > 0 ? Environment.NewLine + output : "")}")
{
    public string Command { get; } = command;
    public int ExitCode { get; } = exitCode;
    public string Output { get; } = output;
}
