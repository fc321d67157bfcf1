namespace StatelessMind.Harness.Services;

/// <summary>What a finished command printed and returned.</summary>
public sealed record CommandResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    public CommandResult EnsureSuccess() =>
        Succeeded ? this : throw new CommandFailedException(Command, ExitCode, (StandardError + StandardOutput).Trim());
}
