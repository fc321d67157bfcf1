namespace StatelessMind.Labs.Transformation.Cli;

/// <summary>
/// A parsed command line: <c>build | run | test | snapshot | seed | compile | docs generate</c>, then
/// <c>--project-dir DIR</c>, <c>--profiles-dir DIR</c>, <c>--target NAME</c>, <c>--select SELECTOR…</c> (or <c>-s</c>;
/// several selectors after one flag are a union, as in dbt) and <c>--full-refresh</c>.
/// </summary>
public sealed record DbtCommandLine(DbtVerb Verb, string ProjectDirectory, string? ProfilesDirectory, string? Target, string? Select, bool FullRefresh)
{
    public const string Usage = "usage: dbt (build|run|test|snapshot|seed|compile|docs generate) [--project-dir DIR] [--profiles-dir DIR] [--target NAME] [--select SELECTOR...] [--full-refresh]";

    public static DbtCommandLine Parse(IReadOnlyList<string> args)
    {
        #region Exercise 2.2-2a: parse the verbs and options of the runner's command line (tests: DbtCommandLineTests)
        if (args.Count == 0) throw new DbtUsageException($"no command given; {Usage}");
        var i = 1;
        var verb = args[0] switch
        {
            "build" => DbtVerb.Build,
            "run" => DbtVerb.Run,
            "test" => DbtVerb.Test,
            "snapshot" => DbtVerb.Snapshot,
            "seed" => DbtVerb.Seed,
            "compile" => DbtVerb.Compile,
            "docs" when args.Count > 1 && args[1] == "generate" => DbtVerb.DocsGenerate,
            "docs" => throw new DbtUsageException("'docs' takes the subcommand 'generate'"),
            _ => throw new DbtUsageException($"unknown command '{args[0]}'; {Usage}"),
        };
        if (verb == DbtVerb.DocsGenerate) i = 2;
        string project = ".", select = "";
        string? profiles = null, target = null;
        var fullRefresh = false;
        string Value(string option) => ++i < args.Count && !args[i].StartsWith("--", StringComparison.Ordinal) ? args[i] : throw new DbtUsageException($"{option} needs a value");
        for (; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--project-dir": project = Value("--project-dir"); break;
                case "--profiles-dir": profiles = Value("--profiles-dir"); break;
                case "--target" or "-t": target = Value("--target"); break;
                case "--full-refresh": fullRefresh = true; break;
                case "--select" or "-s":
                    select = (select + " " + Value("--select")).Trim();
                    while (i + 1 < args.Count && !args[i + 1].StartsWith('-')) select += " " + args[++i];
                    break;
                default: throw new DbtUsageException($"unknown option '{args[i]}'; {Usage}");
            }
        }
        if (select.Length > 0 && verb is DbtVerb.DocsGenerate) throw new DbtUsageException("docs generate documents the whole project: --select does not apply");
        return new DbtCommandLine(verb, project, profiles, target, select.Length == 0 ? null : select, fullRefresh);
        #endregion
    }
}
