using System.Text;
using StatelessMind.Harness;

namespace StatelessMind.Runner.Exercises;

/// <summary>
/// Writes a learner's copy: the repository (or one lab with what it depends on) with every region of the chosen
/// goals replaced by a stub, plus exercises.json (for <c>progress</c>) and EXERCISES.md (the tasks, for the learner).
/// </summary>
public sealed class ExerciseGenerator(RepositoryLayout layout, GoalCatalog goals)
{
    public const string GuideFileName = "EXERCISES.md";

    public static string DefaultOutDirectory(RepositoryLayout layout, IReadOnlyList<string> labs) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(layout.Root).TrimEnd(Path.DirectorySeparatorChar)) ?? Path.GetTempPath(),
            labs.Count == 1 ? $"stateless-mind-exercise-{labs[0]}" : "stateless-mind-exercise");

    public async Task<GeneratedExercise> GenerateAsync(ExerciseRequest request, CancellationToken cancellationToken)
    {
        if (request.Labs.Count == 0) throw new ExerciseRequestException("Name the lab to turn into an exercise, e.g. 1.4.");
        if (request.Labs.Count > 1 && !request.WholeRepository)
            throw new ExerciseRequestException("Several labs go into one copy of the whole repository only (--whole-repository).");
        if (request.Labs.Count > 1 && request.Goals.Count > 0)
            throw new ExerciseRequestException("--goal picks goals of one lab: name only that lab.");

        var files = await RepositoryFiles.ListAsync(layout.Root, cancellationToken);
        var scan = RegionScan.Of(layout.Root, files);
        var sections = new List<SectionEntry>();
        var chosenGoals = new List<string>();
        var chosen = new List<ExerciseRegion>();
        var problems = new List<RegionProblem>();
        foreach (var lab in request.Labs.Distinct())
        {
            var section = goals.Sections.FirstOrDefault(s => s.Id == lab)
                ?? throw new ExerciseRequestException($"'{lab}' is not a section of labs/goals.yaml (e.g. 1.4 or 1.1.3).");
            if (!Directory.Exists(Path.Combine(layout.Root, section.Folder)))
                throw new ExerciseRequestException($"Lab {section.Id} has no folder yet ({section.Folder}): `stateless-mind list` shows which labs are built.");
            var labRegions = scan.OfSection(section.Id);
            var labGoals = ChooseGoals(section, request.Goals, labRegions);
            sections.Add(section);
            chosenGoals.AddRange(labGoals);
            chosen.AddRange(labRegions.Where(r => labGoals.Contains(r.GoalId)));
            problems.AddRange(labRegions.Where(r => goals.Find(r.GoalId) is null)
                .Select(r => new RegionProblem(r.File, r.StartLine, $"task {r.TaskId} refines goal {r.GoalId}, which labs/goals.yaml does not list")));
        }

        var copied = (request.WholeRepository ? files : LabFootprint.Select(layout.Root, files, sections[0].Folder, chosen)).ToHashSet(StringComparer.Ordinal);
        var outside = chosen.Where(r => !copied.Contains(r.File)).Select(r => r.Location).ToList();
        if (outside.Count > 0)
            throw new ExerciseRequestException($"Regions of lab {sections[0].Id} live where a copy of the lab does not reach: {string.Join(", ", outside)}. " +
                                               "Use --whole-repository, or move them into the lab.");
        problems.InsertRange(0, scan.Problems.Where(p => copied.Contains(p.File)));
        if (problems.Count > 0) throw new RegionMarkupException(problems);

        var rewritten = new Dictionary<string, RewrittenFile>(StringComparer.Ordinal);
        foreach (var group in chosen.GroupBy(r => r.File))
            rewritten[group.Key] = SkeletonWriter.Rewrite(File.ReadAllText(Path.Combine(layout.Root, group.Key)), group);
        var tasks = chosen.Select(r => ExerciseTask.From(r, rewritten[r.File].Stubs.Single(s => ReferenceEquals(s.Region, r)).FirstLine)).ToList();
        var manifest = new ExerciseManifest(sections.Select(s => s.Id).ToList(), chosenGoals, tasks);

        // The manifest goes in first: it marks the folder as an exercise copy that --force may replace, even half written.
        var outDirectory = PrepareOutDirectory(request.OutDirectory ?? DefaultOutDirectory(layout, request.Labs), request.Force);
        manifest.Save(outDirectory);

        foreach (var file in copied.Order(StringComparer.Ordinal))
        {
            var source = Path.Combine(layout.Root, file);
            var target = Path.Combine(outDirectory, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (rewritten.TryGetValue(file, out var skeleton))
            {
                File.WriteAllText(target, skeleton.Text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: HasByteOrderMark(source)));
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(target, File.GetUnixFileMode(source));
            }
            else
            {
                File.Copy(source, target, overwrite: true);
            }
        }
        var solution = Path.Combine(layout.Root, RepositoryLayout.SolutionFileName);
        if (!request.WholeRepository && File.Exists(solution))
            File.WriteAllText(Path.Combine(outDirectory, RepositoryLayout.SolutionFileName), SolutionFilter.Filter(File.ReadAllText(solution), copied));

        File.WriteAllText(Path.Combine(outDirectory, GuideFileName), Guide(sections, chosenGoals, tasks));
        return new GeneratedExercise(outDirectory, sections.Select(s => s.Id).ToList(), chosenGoals, chosen, rewritten, copied.Count, request.WholeRepository);
    }

    private List<string> ChooseGoals(SectionEntry section, IReadOnlyList<string> requested, IReadOnlyList<ExerciseRegion> labRegions)
    {
        var withRegions = labRegions.Select(r => r.GoalId).Distinct().Order(GoalId.Comparer).ToList();
        if (requested.Count == 0)
            return withRegions.Count > 0 ? withRegions
                : throw new ExerciseRequestException($"Lab {section.Id} has no exercise regions yet: there is nothing to turn into an exercise.");
        var chosen = new List<string>();
        foreach (var id in requested)
        {
            if (!GoalId.IsWellFormed(id) || GoalId.SectionOf(id) != section.Id || goals.Find(id) is null)
                throw new ExerciseRequestException($"'{id}' is not a goal of lab {section.Id} (its goals: {string.Join(", ", goals.Goals.Where(g => g.Section == section.Id).Select(g => g.Id))}).");
            if (!withRegions.Contains(id))
                throw new ExerciseRequestException($"Goal {id} has no exercise regions (goals of lab {section.Id} with regions: {string.Join(", ", withRegions)}).");
            if (!chosen.Contains(id)) chosen.Add(id);
        }
        return chosen.Order(GoalId.Comparer).ToList();
    }

    private string PrepareOutDirectory(string path, bool force)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        var root = Path.GetFullPath(layout.Root).TrimEnd(Path.DirectorySeparatorChar);
        if (full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ExerciseRequestException($"{full} is inside the repository: write the learner's copy outside it (--out).");
        if (root.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ExerciseRequestException($"{full} holds the repository itself: choose another --out.");
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            if (!force)
                throw new ExerciseRequestException($"{full} is not empty: choose another --out, or pass --force to replace an earlier exercise copy there.");
            if (!File.Exists(ExerciseManifest.PathIn(full)))
                throw new ExerciseRequestException($"{full} is not empty and is not an exercise copy (it has no {ExerciseManifest.FileName}): " +
                                                   "--force replaces only an earlier copy; empty or remove that folder yourself.");
            foreach (var entry in new DirectoryInfo(full).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo { LinkTarget: null } dir) dir.Delete(recursive: true);
                else entry.Delete();
            }
        }
        Directory.CreateDirectory(full);
        return full;
    }

    private static bool HasByteOrderMark(string path)
    {
        Span<byte> head = stackalloc byte[3];
        using var stream = File.OpenRead(path);
        return stream.Read(head) == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF;
    }

    private string Guide(IReadOnlyList<SectionEntry> sections, IReadOnlyList<string> chosenGoals, IReadOnlyList<ExerciseTask> tasks)
    {
        var md = new StringBuilder();
        md.AppendLine(sections.Count == 1 ? $"# Exercises: lab {sections[0].Id} {sections[0].Title}" : $"# Exercises: labs {string.Join(", ", sections.Select(s => s.Id))}");
        md.AppendLine();
        md.AppendLine("This copy was generated by `stateless-mind exercise`: the code of the tasks below was replaced by stubs that");
        md.AppendLine("build and fail at run time. The tests are unchanged; they are the specification. Implement a stub, then:");
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine("make setup                    # once: Debian packages, NuGet restore, native code");
        foreach (var section in sections)
        {
            md.AppendLine($"make progress LAB={section.Id}       # every exercised goal's tests, per goal and per task, with a total");
            md.AppendLine($"dotnet test {section.Folder} --filter Goal={chosenGoals.First(g => GoalId.SectionOf(g) == section.Id)}   # one goal's tests");
        }
        md.AppendLine("```");
        if (tasks.Any(t => t.File.StartsWith("native/", StringComparison.Ordinal)))
        {
            md.AppendLine();
            md.AppendLine("Some tasks are C or Rust under native/: `make native` rebuilds them (`progress` does it for you).");
        }
        md.AppendLine();
        foreach (var goal in chosenGoals)
        {
            var entry = goals.Find(goal);
            md.AppendLine($"## {goal}{(entry is null ? "" : ": " + entry.Statement)}");
            md.AppendLine();
            md.AppendLine("| task | what to write | where | checked by |");
            md.AppendLine("|---|---|---|---|");
            foreach (var task in tasks.Where(t => t.Goal == goal))
                md.AppendLine($"| {task.Id} | {task.Task.Replace("|", "\\|", StringComparison.Ordinal)} | [{task.File}:{task.Line}]({task.File}#L{task.Line}) | " +
                              $"{(task.Tests.Count == 0 ? $"every `Goal={goal}` test" : string.Join(", ", task.Tests.Select(t => $"`{t}`")))} |");
            md.AppendLine();
        }
        foreach (var section in sections)
            md.AppendLine($"The lab's README ([{section.Folder}/README.md]({section.Folder}/README.md)) explains each idea and its invariants.");
        return md.ToString();
    }
}
