namespace StatelessMind.Runner.Exercises;

/// <summary>
/// The files a learner's copy of one lab needs to build and run its tests: the lab's folder, the shared build files,
/// the harness, its test support and the runner (for <c>stateless-mind progress</c>), the goal catalog, infra/
/// (service scripts and configs: lab 1.4's management scripts live there), and native/ when the lab loads native code
/// or has regions there.
/// </summary>
public static class LabFootprint
{
    private static readonly string[] RootFiles =
    [
        "global.json", "Directory.Build.props", "Directory.Packages.props", "Makefile", ".gitignore", "docker-compose.yml",
        ".editorconfig", "nuget.config", "NuGet.Config",
    ];

    private static readonly string[] SharedPrefixes = ["labs/Harness/", "labs/Harness.Testing/", "labs/Runner/", "infra/"];

    public static IReadOnlyList<string> Select(string root, IReadOnlyList<string> files, string labFolder, IEnumerable<ExerciseRegion> labRegions)
    {
        var lab = labFolder.TrimEnd('/') + "/";
        var native = labRegions.Any(r => r.File.StartsWith("native/", StringComparison.Ordinal)) || LoadsNativeCode(root, files, lab);
        return files.Where(f => RootFiles.Contains(f, StringComparer.Ordinal)
                                || f == "labs/goals.yaml"
                                || f.StartsWith(lab, StringComparison.Ordinal)
                                || SharedPrefixes.Any(p => f.StartsWith(p, StringComparison.Ordinal))
                                || (native && f.StartsWith("native/", StringComparison.Ordinal)))
            .ToList();
    }

    /// <summary>A lab loads native code when its C# names the repository's native folder (native/build/lib …).</summary>
    public static bool LoadsNativeCode(string root, IEnumerable<string> files, string lab) =>
        files.Where(f => f.StartsWith(lab, StringComparison.Ordinal) && f.EndsWith(".cs", StringComparison.Ordinal))
            .Any(f => File.ReadAllText(Path.Combine(root, f)).Contains("NativeDirectory", StringComparison.Ordinal));
}
