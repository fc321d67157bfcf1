namespace StatelessMind.Runner;

/// <summary>
/// What <c>stateless-mind run</c> returns. Anything but <see cref="Success"/> means the run did not show every selected,
/// built goal holding; when several apply, the first in this list wins: a failed check, an experiment that threw, a lab
/// that did not load, a goal not measured.
/// </summary>
public static class RunExitCode
{
    /// <summary>Every selected built goal ran and passed (optional parts the lab declares may be excused).</summary>
    public const int Success = 0;

    /// <summary>A check failed: a goal's property or target did not hold.</summary>
    public const int CheckFailed = 1;

    /// <summary>The command line named no goal or section of the catalog.</summary>
    public const int Usage = 2;

    /// <summary>A goal was not measured: a required service or tool is missing, or its experiment recorded no check (Inconclusive).</summary>
    public const int NotMeasured = 3;

    /// <summary>A selected lab's assembly is not built or does not load, or two experiments claim one goal.</summary>
    public const int LabNotLoaded = 4;

    /// <summary>An experiment threw (other than for a missing service, which is <see cref="NotMeasured"/>).</summary>
    public const int ExperimentThrew = 5;

    /// <summary>One line per code, for the command's help and the README.</summary>
    public const string Legend =
        "exit codes: 0 every selected goal passed; 1 a check failed; 2 bad arguments; 3 a goal was not measured (service or tool missing); " +
        "4 a lab did not load; 5 an experiment threw";
}
