namespace StatelessMind.Runner.Exercises;

/// <summary>Every exercise region of a set of files, and every marker problem found on the way.</summary>
public sealed record RegionScan(IReadOnlyList<ExerciseRegion> Regions, IReadOnlyList<RegionProblem> Problems)
{
    /// <summary>Reads every file of <paramref name="files"/> (relative to <paramref name="root"/>) that may carry markers.</summary>
    public static RegionScan Of(string root, IEnumerable<string> files)
    {
        var regions = new List<ExerciseRegion>();
        var problems = new List<RegionProblem>();
        foreach (var file in files)
        {
            if (SourceLanguages.Of(file) is not { } language) continue;
            var result = RegionParser.Parse(file, File.ReadAllText(Path.Combine(root, file)), language);
            regions.AddRange(result.Regions);
            problems.AddRange(result.Problems);
        }
        return new RegionScan(regions, problems);
    }

    public static async Task<RegionScan> OfRepositoryAsync(string root, CancellationToken cancellationToken) =>
        Of(root, await RepositoryFiles.ListAsync(root, cancellationToken));

    /// <summary>The regions of the goals of one section (lab), in curriculum order.</summary>
    public IReadOnlyList<ExerciseRegion> OfSection(string section) =>
        Regions.Where(r => Harness.GoalId.SectionOf(r.GoalId) == section)
            .OrderBy(r => r.TaskId, ExerciseTaskId.Comparer).ThenBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.StartLine)
            .ToList();
}
