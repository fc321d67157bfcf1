using System.Xml.Linq;

namespace StatelessMind.Runner.Exercises;

/// <summary>
/// The files a learner's copy of one lab needs to build and run its tests: the lab's folder and the folders of the
/// labs its projects reference, the shared build files, the harness, its test support and the runner (for
/// <c>stateless-mind progress</c>), the goal catalog, infra/ (service scripts and configs: lab 1.4's management scripts
/// live there), and native/ when one of those labs loads native code or has regions there.
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
        var labs = LabsReferencedFrom(root, files, labFolder.TrimEnd('/') + "/");
        var native = labRegions.Any(r => r.File.StartsWith("native/", StringComparison.Ordinal)) || labs.Any(lab => LoadsNativeCode(root, files, lab));
        return files.Where(f => RootFiles.Contains(f, StringComparer.Ordinal)
                                || f == "labs/goals.yaml"
                                || labs.Any(lab => f.StartsWith(lab, StringComparison.Ordinal))
                                || SharedPrefixes.Any(p => f.StartsWith(p, StringComparison.Ordinal))
                                || (native && f.StartsWith("native/", StringComparison.Ordinal)))
            .ToList();
    }

    /// <summary>The lab folder ("labs/4.1/") and every other lab folder its projects reference, directly or not.</summary>
    public static IReadOnlyList<string> LabsReferencedFrom(string root, IReadOnlyList<string> files, string lab)
    {
        var labs = new List<string> { lab };
        for (var i = 0; i < labs.Count; i++)
        {
            foreach (var project in files.Where(f => f.StartsWith(labs[i], StringComparison.Ordinal) && f.EndsWith(".csproj", StringComparison.Ordinal)))
            {
                var path = Path.Combine(root, project);
                foreach (var reference in XDocument.Load(path).Descendants("ProjectReference").Select(e => (string?)e.Attribute("Include")).OfType<string>())
                {
                    if (reference.Contains('$', StringComparison.Ordinal)) continue;
                    var target = RepositoryFiles.Relative(root, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, reference.Replace('\\', '/'))));
                    var parts = target.Split('/');
                    if (parts.Length > 2 && parts[0] == "labs" && parts[1] is not ("Harness" or "Harness.Testing" or "Runner")
                        && $"labs/{parts[1]}/" is var other && !labs.Contains(other))
                        labs.Add(other);
                }
            }
        }
        return labs;
    }

    /// <summary>A lab loads native code when its C# names the repository's native folder (native/build/lib …).</summary>
    public static bool LoadsNativeCode(string root, IEnumerable<string> files, string lab) =>
        files.Where(f => f.StartsWith(lab, StringComparison.Ordinal) && f.EndsWith(".cs", StringComparison.Ordinal))
            .Any(f => File.ReadAllText(Path.Combine(root, f)).Contains("NativeDirectory", StringComparison.Ordinal));
}
