namespace StatelessMind.Labs.Programming;

/// <summary>What valgrind's memcheck said about one run of a program.</summary>
/// <param name="Program">The program's file name.</param>
/// <param name="ExitCode">The program's exit code (valgrind's own when it reports errors).</param>
/// <param name="Errors">"ERROR SUMMARY: N errors" — invalid reads/writes, uses of freed memory, leaks counted as errors.</param>
/// <param name="DefinitelyLostBytes">Heap blocks no pointer reaches any more.</param>
/// <param name="InUseAtExitBytes">Everything still allocated at exit (reachable or not).</param>
/// <param name="Output">valgrind's report, for the test log.</param>
public sealed record MemcheckReport(string Program, int ExitCode, int Errors, long DefinitelyLostBytes, long InUseAtExitBytes, string Output)
{
    public bool IsClean => Errors == 0 && DefinitelyLostBytes == 0;
}
