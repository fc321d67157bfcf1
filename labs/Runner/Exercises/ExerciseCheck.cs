using System.Diagnostics;
using System.Xml.Linq;
using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Runner.Exercises;

/// <summary>
/// Keeps the exercises honest, lab by lab: the markers parse and follow the rules (<see cref="RegionLint"/>); a copy of
/// the lab reaches every project it references; the skeleton (every region of the lab's goals stubbed, or of the goals
/// asked for) builds with warnings as errors, native code included; its public API equals the solution's; every
/// task's tests fail on it (a test that passes on a skeleton does not test its task); and every test outside the
/// exercised goals still passes. The experiments run only inside the goal tests that call them at a small size.
/// One lab is checked in a learner's copy of that lab, exactly as <c>exercise</c> writes it; several labs share one
/// copy of the whole repository with all of their regions stubbed, so that the harness is restored and built once.
/// </summary>
public sealed class ExerciseCheck(RepositoryLayout layout, GoalCatalog catalog, TextWriter log)
{
    public async Task<IReadOnlyList<LabCheckResult>> RunAsync(ExerciseCheckOptions options, CancellationToken cancellationToken)
    {
        var files = await RepositoryFiles.ListAsync(layout.Root, cancellationToken);
        var scan = RegionScan.Of(layout.Root, files);
        var labs = (options.Labs.Count > 0 ? options.Labs : BuiltLabs()).Distinct().ToList();
        if (options.Goals.Count > 0 && labs.Count != 1)
            throw new ExerciseRequestException("--goal checks a skeleton of some goals of one lab: name that lab too.");
        var sections = labs.Select(lab => catalog.Sections.FirstOrDefault(s => s.Id == lab)
                                          ?? throw new ExerciseRequestException($"'{lab}' is not a section of labs/goals.yaml.")).ToList();

        var clock = Stopwatch.StartNew();
        var results = sections.ToDictionary(s => s.Id, s => new LabCheckResult(s.Id));
        var ready = new List<SectionEntry>();
        foreach (var section in sections)
            if (Prepare(section, scan, files, options, results[section.Id])) ready.Add(section);

        if (ready.Count > 0)
        {
            var whole = sections.Count > 1;
            var copy = Path.Combine(Path.GetFullPath(options.WorkDirectory), whole ? "all" : sections[0].Id);
            if (Directory.Exists(copy) && Directory.EnumerateFileSystemEntries(copy).Any() && !File.Exists(ExerciseManifest.PathIn(copy)))
                throw new ExerciseRequestException($"{copy} holds something other than an earlier skeleton (no {ExerciseManifest.FileName}): choose another --work.");
            HostCommands.DeleteDirectory(copy);
            log.WriteLine(whole
                ? $"exercise-check: one skeleton of the whole repository with the regions of labs {string.Join(", ", ready.Select(s => s.Id))} stubbed, in {copy}"
                : $"exercise-check: the learner's copy of lab {ready[0].Id} in {copy}");
            try
            {
                var generated = await new ExerciseGenerator(layout, catalog).GenerateAsync(
                    new ExerciseRequest(ready.Select(s => s.Id).ToList(), options.Goals, copy, WholeRepository: whole), cancellationToken);
                foreach (var section in ready)
                {
                    var mine = generated.Regions.Where(r => GoalId.SectionOf(r.GoalId) == section.Id).ToList();
                    results[section.Id].Add(new CheckFinding("generate", true, section.Id,
                        $"goals {string.Join(", ", mine.Select(r => r.GoalId).Distinct())}: {mine.Count} stubs in {mine.Select(r => r.File).Distinct().Count()} files"));
                }
                await CheckSkeletonAsync(generated, ready, results, options, cancellationToken);
            }
            catch (Exception e) when (e is RegionMarkupException or ExerciseRequestException)
            {
                foreach (var section in ready) results[section.Id].Add(new CheckFinding("generate", false, section.Id, e.Message));
            }
            finally
            {
                if (!options.Keep) HostCommands.DeleteDirectory(copy);
            }
        }

        foreach (var section in sections)
        {
            var result = results[section.Id];
            log.WriteLine($"exercise-check {section.Id} {section.Title}: {(result.Passed ? "PASS" : $"FAIL ({result.Failures.Count()} problems)")}");
            foreach (var finding in result.Findings) log.WriteLine("  " + finding);
        }
        var failed = sections.Where(s => !results[s.Id].Passed).Select(s => s.Id).ToList();
        log.WriteLine($"exercise-check: {sections.Count - failed.Count} of {sections.Count} labs pass" +
                      $"{(failed.Count > 0 ? $" (failing: {string.Join(", ", failed)})" : "")} in {clock.Elapsed.TotalMinutes:0.0} min");
        return sections.Select(s => results[s.Id]).ToList();
    }

    /// <summary>Labs whose folder holds a source project.</summary>
    public IEnumerable<string> BuiltLabs() =>
        catalog.Sections.Where(s => Directory.Exists(Path.Combine(layout.Root, s.Folder, "src"))
                                    && Directory.EnumerateFiles(Path.Combine(layout.Root, s.Folder, "src"), "*.csproj").Any())
            .Select(s => s.Id);

    /// <summary>The checks that need no build: markers, rules, and whether a copy of the lab reaches what its projects reference.</summary>
    private bool Prepare(SectionEntry section, RegionScan scan, IReadOnlyList<string> files, ExerciseCheckOptions options, LabCheckResult result)
    {
        var regions = scan.OfSection(section.Id);
        var footprint = LabFootprint.Select(layout.Root, files, section.Folder, regions).ToHashSet(StringComparer.Ordinal);
        var markup = scan.Problems.Where(p => footprint.Contains(p.File)).ToList();
        foreach (var problem in markup) result.Add(new CheckFinding("markers", false, $"{problem.File}:{problem.Line}", problem.Message));
        if (regions.Count == 0)
        {
            result.Add(new CheckFinding("markers", false, section.Id, "the lab has no exercise regions: there is nothing to turn into an exercise"));
            return false;
        }
        var lint = RegionLint.Check(regions, catalog, options.Hooks);
        foreach (var problem in lint) result.Add(new CheckFinding("lint", false, $"{problem.File}:{problem.Line}", problem.Message));
        if (lint.Count == 0)
            result.Add(new CheckFinding("lint", true, section.Id, $"{regions.Count} regions of {regions.Select(r => r.TaskId).Distinct().Count()} tasks follow the rules"));

        var missing = MissingFromCopy(section, files, footprint).ToList();
        missing.AddRange(regions.Where(r => !footprint.Contains(r.File)).Select(r => $"{r.File} (holds region {r.TaskId})"));
        result.Add(missing.Count == 0
            ? new CheckFinding("footprint", true, section.Id, $"a copy of the lab ({footprint.Count} files) holds every project its projects reference")
            : new CheckFinding("footprint", false, section.Id, $"a copy of the lab would lack {string.Join(", ", missing)}"));
        return markup.Count == 0;
    }

    /// <summary>Project references of the lab's projects that a copy of the lab would not hold.</summary>
    private IEnumerable<string> MissingFromCopy(SectionEntry section, IReadOnlyList<string> files, HashSet<string> footprint)
    {
        var pending = new Queue<string>(files.Where(f => f.StartsWith(section.Folder + "/", StringComparison.Ordinal) && f.EndsWith(".csproj", StringComparison.Ordinal)));
        var seen = new HashSet<string>(pending, StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var project = pending.Dequeue();
            var path = Path.Combine(layout.Root, project);
            if (!File.Exists(path)) continue;
            foreach (var reference in XDocument.Load(path).Descendants("ProjectReference").Select(e => (string?)e.Attribute("Include")).OfType<string>())
            {
                if (reference.Contains('$', StringComparison.Ordinal) || reference.Contains('*', StringComparison.Ordinal)) continue;
                var target = RepositoryFiles.Relative(layout.Root, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, reference.Replace('\\', '/'))));
                if (!footprint.Contains(target)) yield return $"{target} (referenced by {project})";
                else if (seen.Add(target)) pending.Enqueue(target);
            }
        }
    }

    private async Task CheckSkeletonAsync(GeneratedExercise generated, IReadOnlyList<SectionEntry> sections, IReadOnlyDictionary<string, LabCheckResult> results,
        ExerciseCheckOptions options, CancellationToken cancellationToken)
    {
        // Native code is built once for every lab; an error traced to one lab's region fails that lab only,
        // an error that cannot be traced fails every lab that uses native code.
        var nativeErrorsByLab = new Dictionary<string, List<CheckFinding>>();
        List<CheckFinding>? untracedNativeErrors = null;
        if (File.Exists(Path.Combine(generated.OutDirectory, "native", "c", "CMakeLists.txt")) || File.Exists(Path.Combine(generated.OutDirectory, "native", "rust", "Cargo.toml")))
        {
            log.WriteLine("exercise-check: building native code (CMake with -Werror, cargo with -D warnings) …");
            var native = await new LabBuild(generated.OutDirectory, sections[0].Folder).BuildNativeAsync(warningsAsErrors: true, cancellationToken);
            if (!native.Succeeded)
            {
                foreach (var (finding, goal) in BuildFailures(native, generated))
                {
                    if (goal is null) (untracedNativeErrors ??= []).Add(finding);
                    else
                    {
                        var lab = GoalId.SectionOf(goal);
                        if (!nativeErrorsByLab.TryGetValue(lab, out var list)) nativeErrorsByLab[lab] = list = [];
                        list.Add(finding);
                    }
                }
            }
        }
        // Every lab's skeleton (and the layers holding its regions) is first built in one go, and the solution's lab
        // sources likewise for the API comparison; only when that fails is each lab built on its own, to tell which
        // labs the errors belong to.
        var allBuilt = false;
        var solutionBuilt = false;
        if (sections.Count > 1)
        {
            var work = Path.Combine(generated.OutDirectory, "TestResults", "exercise-check");
            var projects = sections.SelectMany(s => Layers(s, generated).Select(l => l.Layer.TestsProject).Prepend(new LabBuild(generated.OutDirectory, s.Folder).TestsProject)).ToList();
            log.WriteLine($"exercise-check: building the skeletons of {sections.Count} labs at once with warnings as errors …");
            var all = await new LabBuild(generated.OutDirectory, sections[0].Folder).BuildProjectsAsync(projects, Path.Combine(work, "skeleton.slnx"), warningsAsErrors: true, cancellationToken);
            allBuilt = all.Succeeded;
            if (!allBuilt) log.WriteLine("exercise-check: they do not build together: building them lab by lab, to find where the errors are …");
            var sources = sections.Select(s => new LabBuild(layout.Root, s.Folder).SourceProject).ToList();
            solutionBuilt = (await new LabBuild(layout.Root, sections[0].Folder).BuildProjectsAsync(sources, Path.Combine(work, "solution.slnx"), warningsAsErrors: false, cancellationToken)).Succeeded;
        }
        var testable = new List<(SectionEntry Section, LabBuild Skeleton, LabCheckResult Result)>();
        foreach (var section in sections)
        {
            var result = results[section.Id];
            var skeleton = new LabBuild(generated.OutDirectory, section.Folder);
            var usesNative = generated.Regions.Any(r => GoalId.SectionOf(r.GoalId) == section.Id && r.File.StartsWith("native/", StringComparison.Ordinal))
                             || LabFootprint.LoadsNativeCode(generated.OutDirectory, RepositoryFiles.Walk(Path.Combine(generated.OutDirectory, section.Folder))
                                 .Select(f => $"{section.Folder}/{f}"), section.Folder + "/");
            if (nativeErrorsByLab.TryGetValue(section.Id, out var own))
            {
                foreach (var finding in own) result.Add(finding);
                continue;
            }
            if (usesNative && untracedNativeErrors is not null)
            {
                foreach (var finding in untracedNativeErrors) result.Add(finding);
                if (untracedNativeErrors.Count == 0)
                    result.Add(new CheckFinding("build", false, section.Id, "the native code it loads did not build: its errors are in other labs' regions"));
                continue;
            }
            var scripts = generated.Regions.Where(r => GoalId.SectionOf(r.GoalId) == section.Id && r.Language == SourceLanguage.Bash)
                .Select(r => r.File).Distinct().ToList();
            var scriptsPass = true;
            if (scripts.Count > 0)
            {
                var lint = await skeleton.CheckScriptsAsync(scripts, cancellationToken);
                scriptsPass = lint.Succeeded;
                if (lint.Succeeded) result.Add(new CheckFinding("build", true, section.Id, $"its {scripts.Count} stubbed scripts parse and pass shellcheck"));
                else foreach (var (finding, _) in BuildFailures(lint, generated)) result.Add(finding);
            }
            if (!allBuilt) log.WriteLine($"exercise-check {section.Id}: building the skeleton with warnings as errors …");
            var build = allBuilt ? new BuildOutcome("dotnet build (every lab at once)", true, [], "") : await skeleton.BuildTestsAsync(warningsAsErrors: true, cancellationToken);
            if (!build.Succeeded)
            {
                foreach (var (finding, _) in BuildFailures(build, generated)) result.Add(finding);
                continue;
            }
            result.Add(new CheckFinding("build", true, section.Id, $"the skeleton builds with warnings as errors{(usesNative ? ", native code included" : "")}"));
            var layersBuilt = true;
            foreach (var (layer, _) in allBuilt ? [] : Layers(section, generated))
            {
                var built = await layer.BuildTestsAsync(warningsAsErrors: true, cancellationToken);
                if (built.Succeeded) continue;
                layersBuilt = false;
                foreach (var (finding, _) in BuildFailures(built, generated)) result.Add(finding);
            }
            if (!scriptsPass || !layersBuilt) continue;
            result.Add(await CompareApiAsync(section, skeleton, solutionBuilt, cancellationToken));
            testable.Add((section, skeleton, result));
        }
        // Builds share the copy's projects and run one at a time; the test runs are --no-build processes over what was
        // built, each lab's writing its own results folder, so labs are tested side by side (one per core).
        var output = TextWriter.Synchronized(log);
        await Parallel.ForEachAsync(testable, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
            async (lab, token) =>
            {
                output.WriteLine($"exercise-check {lab.Section.Id}: running the goal tests on the skeleton …");
                await CheckTestsAsync(lab.Section, lab.Skeleton, generated, lab.Result, options, token);
            });
    }

    private async Task CheckTestsAsync(SectionEntry section, LabBuild skeleton, GeneratedExercise generated, LabCheckResult result, ExerciseCheckOptions options,
        CancellationToken cancellationToken)
    {
        var resultsFolder = Path.Combine(generated.OutDirectory, "TestResults", "exercise-check", section.Id);
        var labGoals = catalog.Goals.Where(g => g.Section == section.Id).Select(g => g.Id).ToList();
        // One run of the lab's whole test project, sorted by goal afterwards; a shared layer's tests of these goals in one
        // run of the layer's project each.
        var lab = await skeleton.TestGoalsAsync(labGoals, everyTest: true, resultsFolder, section.Id, options.HangTimeout, cancellationToken);
        var runs = new List<(string Where, GoalTestRun Run)> { (section.Folder, lab) };
        foreach (var (layer, goals) in Layers(section, generated))
            runs.Add((layer.Folder, await layer.TestGoalsAsync(goals, everyTest: false, resultsFolder, $"{section.Id}-{Path.GetFileName(layer.Folder)}",
                options.HangTimeout, cancellationToken)));
        foreach (var (where, run) in runs)
        {
            if (run.Run.Results.Count == 0 && run.Run.ExitCode != 0)
                result.Add(new CheckFinding("tests", false, where, $"the test run ended with exit code {run.Run.ExitCode} and no results: {Last(run.Run.Output)}"));
            else if (run.NotRun.Count > 0)
                result.Add(new CheckFinding("tests", false, where, $"{run.NotRun.Count} tests reported no result (the run was cut short): " +
                                                                   $"{string.Join(", ", run.NotRun.Take(5))}{(run.NotRun.Count > 5 ? ", …" : "")}; {Last(run.Run.Output)}"));
        }
        var byGoal = labGoals.ToDictionary(g => g, g => (IReadOnlyList<TestCaseResult>)runs.SelectMany(r => r.Run.ByGoal.GetValueOrDefault(g) ?? []).ToList());
        var labTests = byGoal.Values.SelectMany(r => r).DistinctBy(r => r.Name).ToList();

        var regions = generated.Regions.Where(r => GoalId.SectionOf(r.GoalId) == section.Id).ToList();
        foreach (var task in regions.GroupBy(r => r.TaskId).OrderBy(g => g.Key, ExerciseTaskId.Comparer))
        {
            var goal = ExerciseTaskId.GoalOf(task.Key);
            var progress = ProgressReport.ForTask(task.Key, task.Select(r => ExerciseTask.From(r, r.StartLine)).ToList(), byGoal.GetValueOrDefault(goal) ?? [], labTests);
            var subject = $"{task.Key} ({task.First().Location}{(task.Count() > 1 ? $" and {task.Count() - 1} more" : "")})";
            var source = progress.Named ? "its named tests" : $"the tests of goal {goal} (its regions name none)";
            foreach (var name in progress.UnmatchedNames)
                result.Add(new CheckFinding("tasks fail", false, subject, $"'{name}' names no test of the lab"));
            var passing = progress.Tests.Where(t => t.Passed).ToList();
            if (progress.Total == 0)
                result.Add(new CheckFinding("tasks fail", false, subject, $"no test checks it: {source} are none"));
            else if (passing.Count > 0)
                result.Add(new CheckFinding("tasks fail", false, subject,
                    $"{passing.Count} of {progress.Total} of {source} pass on the skeleton, so they do not test the task: {Names(passing)}"));
            else
                result.Add(new CheckFinding("tasks fail", true, subject, $"all {progress.Total} of {source} fail on the skeleton"));
        }

        foreach (var goal in labGoals.Where(g => !generated.Goals.Contains(g)))
            result.Add(MustPass(goal, $"tests of goal {goal}, which is not exercised,", byGoal[goal]));
        if (labGoals.Count > 0) result.Add(MustPass(section.Id, "tests without a goal of this lab", lab.Others));
    }

    /// <summary>The shared layers holding regions of this lab's goals, with the goals each holds.</summary>
    private static IReadOnlyList<(LabBuild Layer, IReadOnlyList<string> Goals)> Layers(SectionEntry section, GeneratedExercise generated) =>
        LabBuild.LayersOf(generated.OutDirectory, section.Folder,
            generated.Regions.Where(r => GoalId.SectionOf(r.GoalId) == section.Id).Select(r => (r.File, r.GoalId)));

    private static CheckFinding MustPass(string subject, string what, IReadOnlyList<TestCaseResult> tests)
    {
        var failing = tests.Where(t => t.Outcome == TestOutcome.Failed).ToList();
        if (tests.Count == 0) return new CheckFinding("others pass", true, subject, $"there are no {what.Replace(",", "", StringComparison.Ordinal)}");
        return failing.Count == 0
            ? new CheckFinding("others pass", true, subject, $"{tests.Count} {what} pass on the skeleton")
            : new CheckFinding("others pass", false, subject, $"{failing.Count} of {tests.Count} {what} fail on the skeleton: {Names(failing)}");
    }

    private async Task<CheckFinding> CompareApiAsync(SectionEntry section, LabBuild skeleton, bool solutionBuilt, CancellationToken cancellationToken)
    {
        var solution = new LabBuild(layout.Root, section.Folder);
        var built = solutionBuilt ? null : await solution.BuildProjectAsync(solution.SourceProject, warningsAsErrors: false, cancellationToken);
        if (built is { Succeeded: false })
            return new CheckFinding("api", false, section.Id, $"the solution's lab does not build, so its API cannot be compared: {built.Tail(5)}");
        var assembly = $"StatelessMind.Labs.{section.Project}.dll";
        var solutionDll = LabBuild.NewestOutput(solution.SourceProject, assembly);
        var skeletonDll = LabBuild.NewestOutput(skeleton.SourceProject, assembly);
        if (solutionDll is null || skeletonDll is null)
            return new CheckFinding("api", false, section.Id, $"{assembly} was not found in the {(solutionDll is null ? "solution's" : "skeleton's")} build output");
        var expected = PublicApiSurface.Read(solutionDll);
        var difference = PublicApiSurface.Difference(expected, PublicApiSurface.Read(skeletonDll));
        return difference.Count == 0
            ? new CheckFinding("api", true, section.Id, $"the skeleton's public API equals the solution's ({expected.Count} types and members)")
            : new CheckFinding("api", false, section.Id, $"the skeleton's public API differs from the solution's in {difference.Count} lines: " +
                                                         string.Join("; ", difference.Take(8)));
    }

    /// <summary>Each compiler error, traced back to the region whose stub caused it (and its goal) and to the line of the solution's file.</summary>
    public static IEnumerable<(CheckFinding Finding, string? Goal)> BuildFailures(BuildOutcome outcome, GeneratedExercise generated)
    {
        if (outcome.Errors.Count == 0)
        {
            yield return (new CheckFinding("build", false, string.Join(", ", generated.Labs), $"{outcome.Step} failed with no error line to trace: {outcome.Tail(8)}"), null);
            yield break;
        }
        foreach (var error in outcome.Errors.DistinctBy(e => (e.File, e.Line, e.Code, e.Message)))
        {
            var file = RepositoryFiles.Relative(generated.OutDirectory, error.File);
            if (generated.RewrittenFiles.TryGetValue(file, out var rewritten) && rewritten.RegionNear(error.Line) is { } region)
            {
                var original = rewritten.OriginalLineOf(error.Line);
                var where = original > 0 ? $"{file}:{original}" : $"{file} (line {error.Line} of the skeleton)";
                yield return (new CheckFinding("build", false, $"{region.TaskId} ({region.Location})", $"once stubbed, {error.Code} at {where}: {error.Message}"),
                    region.GoalId);
            }
            else
            {
                yield return (new CheckFinding("build", false, file, $"{error.Code} at line {error.Line}: {error.Message}"), null);
            }
        }
    }

    private static string Names(IReadOnlyList<TestCaseResult> tests) =>
        string.Join(", ", tests.Select(ShortName).Distinct().Take(5)) + (tests.Count > 5 ? ", …" : "");

    /// <summary>The method name with a theory's arguments, without namespace and class.</summary>
    private static string ShortName(TestCaseResult test) =>
        test.Name.StartsWith(test.Method, StringComparison.Ordinal) ? test.Name[(test.Method.LastIndexOf('.') + 1)..] : test.Name;

    private static string Last(string output) =>
        string.Join(" / ", output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).TakeLast(3));
}
