namespace StatelessMind.Harness;

/// <summary>Where things live in the repository: found by walking up to the folder that holds StatelessMind.sln.</summary>
public sealed record RepositoryLayout(string Root)
{
    public const string SolutionFileName = "StatelessMind.sln";

    public string LabsDirectory => Path.Combine(Root, "labs");
    public string GoalsFile => Path.Combine(LabsDirectory, "goals.yaml");
    /// <summary>The published reports, committed: a complete full-scale run copied here by <c>stateless-mind publish</c>.
    /// The lab READMEs' figures blocks are filled from its results.json.</summary>
    public string ReportsDirectory => Path.Combine(Root, "reports");

    /// <summary>The working copy <c>stateless-mind run</c> writes (git-ignored): every run's pages, plots and results.json.</summary>
    public string RunReportsDirectory => Path.Combine(Root, "artifacts", "reports");
    public string NativeDirectory => Path.Combine(Root, "native");
    public string InfraDirectory => Path.Combine(Root, "infra");

    public string LabDirectory(string section) => Path.Combine(LabsDirectory, section);

    /// <summary>Finds the repository from the working directory or, failing that, from the running assembly.</summary>
    public static RepositoryLayout Locate()
    {
        var env = Environment.GetEnvironmentVariable("SM_REPO_ROOT");
        if (!string.IsNullOrEmpty(env)) return new RepositoryLayout(Path.GetFullPath(env));
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
                    return new RepositoryLayout(dir.FullName);
        }
        throw new InvalidOperationException(
            $"Could not find the repository root (a folder holding {SolutionFileName}) above '{Directory.GetCurrentDirectory()}' " +
            $"or '{AppContext.BaseDirectory}'. Run from inside the repository or set SM_REPO_ROOT.");
    }
}
