using StatelessMind.Harness.Services;

namespace StatelessMind.Tests.Exercises;

/// <summary>
/// A throwaway repository assembled from tests/Exercises/Fixture (three tiny labs, sources with a .txt suffix that is
/// stripped here) and the real repository's Directory.Build.props, Directory.Packages.props and global.json, so that
/// the fixture builds exactly as a lab does. <see cref="Work"/> is a sibling folder for skeletons.
/// </summary>
public sealed class FixtureRepository : IDisposable
{
    public FixtureRepository()
    {
        var real = RepositoryLayout.Locate();
        Folder = Path.Combine(Path.GetTempPath(), "stateless-mind-exercise-fixture", Guid.NewGuid().ToString("N")[..8]);
        Root = Path.Combine(Folder, "repo");
        Work = Path.Combine(Folder, "work");
        var fixture = Path.Combine(real.Root, "tests", "Exercises", "Fixture");
        foreach (var file in Directory.EnumerateFiles(fixture, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(fixture, file);
            if (relative == "README.md") continue;
            var target = Path.Combine(Root, relative.EndsWith(".txt", StringComparison.Ordinal) ? relative[..^4] : relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        foreach (var shared in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" })
            File.Copy(Path.Combine(real.Root, shared), Path.Combine(Root, shared));
        Layout = new RepositoryLayout(Root);
        Catalog = GoalCatalog.Load(Layout);
    }

    public string Folder { get; }
    public string Root { get; }
    public string Work { get; }
    public RepositoryLayout Layout { get; }
    public GoalCatalog Catalog { get; }

    public void Dispose() => HostCommands.DeleteDirectory(Folder);
}
