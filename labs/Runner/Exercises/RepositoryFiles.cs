using StatelessMind.Harness.Services;

namespace StatelessMind.Runner.Exercises;

/// <summary>
/// The files of a repository, as relative paths with '/' separators: what git tracks plus new files it does not
/// ignore, or, outside a git work tree (a learner's copy), every file except build output.
/// </summary>
public static class RepositoryFiles
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        ".git", "TestResults", "node_modules", "BenchmarkDotNet.Artifacts", ".vs", ".idea",
    };

    private static readonly HashSet<string> SkippedPaths = new(StringComparer.Ordinal)
    {
        "reports", "native/build", "native/build-asan", "native/rust/target",
    };

    public static async Task<IReadOnlyList<string>> ListAsync(string root, CancellationToken cancellationToken)
    {
        if ((Directory.Exists(Path.Combine(root, ".git")) || File.Exists(Path.Combine(root, ".git"))) && HostCommands.FindOnPath("git") is not null)
        {
            var result = await HostCommands.RunAsync("git", ["-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                cancellationToken: cancellationToken);
            if (result.Succeeded)
                return result.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries)
                    .Where(f => File.Exists(Path.Combine(root, f)))
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .ToList();
        }
        return Walk(root);
    }

    public static IReadOnlyList<string> Walk(string root)
    {
        var files = new List<string>();
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                var name = Path.GetFileName(sub);
                var relative = Relative(root, sub);
                if (SkippedFolders.Contains(name) || SkippedPaths.Contains(relative)) continue;
                // bin/ and obj/ are build output beside a C# project (Rust keeps sources in src/bin).
                if (name is "bin" or "obj" && Directory.EnumerateFiles(dir, "*.csproj").Any()) continue;
                if (new DirectoryInfo(sub).LinkTarget is not null) continue;
                pending.Push(sub);
            }
            files.AddRange(Directory.EnumerateFiles(dir).Select(f => Relative(root, f)));
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
