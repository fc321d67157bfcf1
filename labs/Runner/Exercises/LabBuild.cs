using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Runner.Exercises;

/// <summary>
/// Builds and tests one lab of a repository or a learner's copy with the ordinary tools: CMake and cargo for native/,
/// <c>dotnet build</c> and <c>dotnet test</c> (TRX results, sorted by goal with <see cref="TestGoals"/>) for the lab's test project.
/// Every child process is pointed at <paramref name="root"/> (SM_REPO_ROOT), so tests use that copy's files.
/// </summary>
public sealed class LabBuild(string root, string labFolder)
{
    public string Root { get; } = Path.GetFullPath(root);

    public IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["SM_REPO_ROOT"] = Path.GetFullPath(root),
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
    };

    /// <summary>
    /// The shared layers (labs/Dataflow …) that hold some of these goals' regions in <paramref name="files"/> and have
    /// a test project of their own: the tests of those regions live there, tagged with the goal like the lab's.
    /// Each comes with the goals whose regions it holds.
    /// </summary>
    public static IReadOnlyList<(LabBuild Layer, IReadOnlyList<string> Goals)> LayersOf(string root, string labFolder,
        IEnumerable<(string File, string Goal)> files)
    {
        var lab = labFolder.TrimEnd('/') + "/";
        return files
            .Where(f => f.File.StartsWith("labs/", StringComparison.Ordinal) && !f.File.StartsWith(lab, StringComparison.Ordinal))
            .Select(f => (Folder: string.Join('/', f.File.Split('/').Take(2)), f.Goal))
            .Where(f => Directory.Exists(Path.Combine(root, f.Folder, "tests")) && Directory.EnumerateFiles(Path.Combine(root, f.Folder, "tests"), "*.csproj").Any())
            .GroupBy(f => f.Folder, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (new LabBuild(root, g.Key), (IReadOnlyList<string>)g.Select(f => f.Goal).Distinct().Order(GoalId.Comparer).ToList()))
            .ToList();
    }

    /// <summary>The folder of the lab (or layer), relative to the root.</summary>
    public string Folder => labFolder;

    public string TestsProject
    {
        get
        {
            var folder = Path.Combine(Root, labFolder, "tests");
            return Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.csproj").FirstOrDefault() is { } project
                ? project
                : throw new ExerciseRequestException($"{labFolder} has no test project (tests/*.csproj).");
        }
    }

    public string SourceProject
    {
        get
        {
            var folder = Path.Combine(Root, labFolder, "src");
            return Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.csproj").FirstOrDefault() is { } project
                ? project
                : throw new ExerciseRequestException($"{labFolder} has no source project (src/*.csproj).");
        }
    }

    /// <summary>The test project's built assembly (its <c>AssemblyName</c>, else the project's name), the newest in its bin folder.</summary>
    public string? TestsAssembly
    {
        get
        {
            var project = TestsProject;
            var name = System.Xml.Linq.XDocument.Load(project).Descendants("AssemblyName").Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0)
                       ?? Path.GetFileNameWithoutExtension(project);
            return NewestOutput(project, name + ".dll");
        }
    }

    /// <summary>The newest <paramref name="assembly"/> under the project's bin folder (reference assemblies left out).</summary>
    public static string? NewestOutput(string project, string assembly)
    {
        var bin = Path.Combine(Path.GetDirectoryName(project)!, "bin");
        return Directory.Exists(bin)
            ? Directory.EnumerateFiles(bin, assembly, SearchOption.AllDirectories)
                .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}ref{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
    }

    public bool HasNativeCode => File.Exists(Path.Combine(Root, "native", "c", "CMakeLists.txt")) || File.Exists(Path.Combine(Root, "native", "rust", "Cargo.toml"));

    /// <summary>
    /// CMake (its CMakeLists already compiles with -Werror) and cargo; with <paramref name="warningsAsErrors"/> rustc denies
    /// warnings too. Make keeps going past a failed target (-k), so one component's errors do not hide another's.
    /// </summary>
    public async Task<BuildOutcome> BuildNativeAsync(bool warningsAsErrors, CancellationToken cancellationToken)
    {
        var output = new System.Text.StringBuilder();
        var errors = new List<BuildDiagnostic>();
        var failed = new List<string>();
        var c = Path.Combine(Root, "native", "c");
        if (File.Exists(Path.Combine(c, "CMakeLists.txt")))
        {
            var build = Path.Combine(Root, "native", "build");
            foreach (var args in new[] { new[] { "-S", c, "-B", build, "-DCMAKE_BUILD_TYPE=RelWithDebInfo" }, ["--build", build, "-j", "2", "--", "-k"] })
            {
                var result = await HostCommands.RunAsync("cmake", args, environment: Environment, cancellationToken: cancellationToken);
                output.AppendLine(result.StandardOutput).AppendLine(result.StandardError);
                if (result.Succeeded) continue;
                errors.AddRange(BuildDiagnostics.Parse(result.StandardOutput + "\n" + result.StandardError, build));
                failed.Add("C (cmake)");
                break;
            }
        }
        var cargo = Path.Combine(Root, "native", "rust", "Cargo.toml");
        if (File.Exists(cargo))
        {
            var env = new Dictionary<string, string>(Environment);
            if (warningsAsErrors) env["RUSTFLAGS"] = "-D warnings";
            var result = await HostCommands.RunAsync("cargo", ["build", "--offline", "--release", "--manifest-path", cargo],
                environment: env, cancellationToken: cancellationToken);
            output.AppendLine(result.StandardOutput).AppendLine(result.StandardError);
            if (!result.Succeeded)
            {
                errors.AddRange(BuildDiagnostics.Parse(result.StandardError, Path.GetDirectoryName(cargo)!));
                failed.Add("Rust (cargo)");
            }
        }
        return new BuildOutcome(failed.Count == 0 ? "native" : $"native {string.Join(" and ", failed)}", failed.Count == 0, errors, output.ToString());
    }

    /// <summary>
    /// The "build" of bash scripts: <c>bash -n</c> parses each, and shellcheck (following sourced files, every severity,
    /// as lab 1.4's own test runs it) finds a variable a stub left unassigned (SC2154) or unused (SC2034).
    /// </summary>
    public async Task<BuildOutcome> CheckScriptsAsync(IReadOnlyList<string> scripts, CancellationToken cancellationToken)
    {
        var paths = scripts.Select(s => Path.Combine(Root, s)).ToList();
        var output = new System.Text.StringBuilder();
        var errors = new List<BuildDiagnostic>();
        foreach (var path in paths)
        {
            var syntax = await HostCommands.RunAsync("bash", ["-n", path], cancellationToken: cancellationToken);
            output.AppendLine(syntax.StandardError);
            if (!syntax.Succeeded) errors.AddRange(BuildDiagnostics.ParseShell(syntax.StandardError, Root));
        }
        if (HostCommands.FindOnPath("shellcheck") is null)
            return new BuildOutcome("bash (shellcheck)", false, errors, "shellcheck is not installed: run `make setup` (Debian package 'shellcheck').");
        var lint = await HostCommands.RunAsync("shellcheck", ["-x", "-P", "SCRIPTDIR", "--severity=style", "-f", "gcc", .. paths], cancellationToken: cancellationToken);
        output.AppendLine(lint.StandardOutput).AppendLine(lint.StandardError);
        if (!lint.Succeeded) errors.AddRange(BuildDiagnostics.ParseShell(lint.StandardOutput, Root));
        var ok = errors.Count == 0 && lint.Succeeded;
        return new BuildOutcome("bash (bash -n, shellcheck)", ok, errors, output.ToString());
    }

    /// <summary><c>dotnet build</c> of the lab's tests (and so its source project); TreatWarningsAsErrors is on in every project already.</summary>
    public Task<BuildOutcome> BuildTestsAsync(bool warningsAsErrors, CancellationToken cancellationToken) =>
        BuildProjectAsync(TestsProject, warningsAsErrors, cancellationToken);

    /// <summary>
    /// One <c>dotnet build</c> of several projects, through a solution file written at <paramref name="solutionFile"/> that
    /// lists them: MSBuild evaluates the projects they share once and builds independent ones side by side, where one build
    /// per project would check the shared ones again each time.
    /// </summary>
    public Task<BuildOutcome> BuildProjectsAsync(IReadOnlyList<string> projects, string solutionFile, bool warningsAsErrors, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(solutionFile))!);
        var solution = new System.Xml.Linq.XElement("Solution", projects.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(p => new System.Xml.Linq.XElement("Project", new System.Xml.Linq.XAttribute("Path", p))));
        File.WriteAllText(solutionFile, solution.ToString() + "\n");
        return BuildProjectAsync(solutionFile, warningsAsErrors, cancellationToken, TimeSpan.FromMinutes(10 + 5 * projects.Count));
    }

    public async Task<BuildOutcome> BuildProjectAsync(string project, bool warningsAsErrors, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        List<string> args = ["build", project, "-nologo", "-clp:ErrorsOnly", "-v:q"];
        if (warningsAsErrors) args.Add("-warnaserror");
        var result = await HostCommands.RunAsync("dotnet", args, environment: Environment, cancellationToken: cancellationToken, timeout: timeout);
        var output = result.StandardOutput + "\n" + result.StandardError;
        return new BuildOutcome($"dotnet build {Path.GetFileName(project)}", result.Succeeded,
            BuildDiagnostics.Parse(output, Path.GetDirectoryName(project)!), output);
    }

    /// <summary>
    /// Runs the built tests that match <paramref name="filter"/> (a VSTest filter such as <c>Goal=1.4-2</c>; null runs
    /// every test) and reads their results. A test that hangs is stopped after <paramref name="hangTimeout"/> and counts as failed.
    /// </summary>
    public async Task<TestRun> TestAsync(string? filter, string resultsDirectory, string name, TimeSpan hangTimeout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(resultsDirectory);
        var trx = Path.Combine(resultsDirectory, name + ".trx");
        if (File.Exists(trx)) File.Delete(trx);
        List<string> args = ["test", TestsProject, "--no-build", "--nologo"];
        if (filter is not null) args.AddRange(["--filter", filter]);
        args.AddRange(["--logger", $"trx;LogFileName={name}.trx", "--results-directory", resultsDirectory,
            "--blame-hang-timeout", $"{(int)hangTimeout.TotalSeconds}s", "--blame-hang-dump-type", "none"]);
        var result = await HostCommands.RunAsync("dotnet", args, environment: Environment, cancellationToken: cancellationToken);
        var results = File.Exists(trx) ? TrxFile.Read(trx) : [];
        return new TestRun(filter ?? "(every test)", results, result.ExitCode, result.StandardOutput + result.StandardError);
    }

    /// <summary>
    /// One test run for several goals, sorted by goal afterwards with the test assembly's <c>[Goal]</c> attributes:
    /// the tests of <paramref name="goals"/> only, or with <paramref name="everyTest"/> every test of the project (those of
    /// no goal listed land in <see cref="GoalTestRun.Others"/>). Test methods that should have run and reported nothing
    /// (a run stopped by a hang or a crash) are listed in <see cref="GoalTestRun.NotRun"/>.
    /// </summary>
    public async Task<GoalTestRun> TestGoalsAsync(IReadOnlyList<string> goals, bool everyTest, string resultsDirectory, string name, TimeSpan hangTimeout,
        CancellationToken cancellationToken)
    {
        var filter = everyTest ? null : string.Join('|', goals.Select(g => $"Goal={g}"));
        var run = await TestAsync(filter, resultsDirectory, name, hangTimeout, cancellationToken);
        var assembly = TestsAssembly ?? throw new ExerciseRequestException($"{Folder}: the test project's assembly was not found under its bin folder.");
        var tags = TestGoals.Read(assembly);
        var wanted = goals.ToHashSet(StringComparer.Ordinal);
        var byGoal = goals.ToDictionary(g => g, g => (IReadOnlyList<TestCaseResult>)run.Results.Where(r => tags.Of(r.Method).Contains(g)).ToList(), StringComparer.Ordinal);
        var others = run.Results.Where(r => !tags.Of(r.Method).Overlaps(wanted)).ToList();
        var reported = run.Results.Select(r => r.Method).ToHashSet(StringComparer.Ordinal);
        var notRun = tags.TestMethods.Where(m => (everyTest || tags.Of(m).Overlaps(wanted)) && !reported.Contains(m)).ToList();
        return new GoalTestRun(run, byGoal, others, notRun);
    }
}
