namespace StatelessMind.Harness;

/// <summary>What a native test program reported: its "suite: N checks, F failed" line, its exit code and its output.</summary>
public sealed record NativeTestOutcome(string Command, int Checks, int Failed, int ExitCode, string Output)
{
    /// <summary>At least one check ran, none failed, and the program said so with exit code 0.</summary>
    public bool Passed => ExitCode == 0 && Failed == 0 && Checks > 0;
}
