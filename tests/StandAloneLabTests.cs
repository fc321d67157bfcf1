using StatelessMind.Tests.Support;

namespace StatelessMind.Tests;

/// <summary>
/// `dotnet test labs/&lt;section&gt;` is the learner's command: it must stand alone on a checkout where `make native`
/// has never run. A lab that loads native code builds it itself (native/Native.targets); this copies the lab and
/// what it builds from into a fresh folder with no native/build and no Rust target, and runs its native goal's tests.
/// </summary>
public sealed class StandAloneLabTests(ITestOutputHelper output) : IDisposable
{
    private static readonly RepositoryLayout Layout = RepositoryLayout.Locate();
    private readonly string _folder = TestRuns.TemporaryFolder("stand-alone-lab");

    public void Dispose() => HostCommands.DeleteDirectory(_folder);

    [Fact]
    public async Task Dotnet_test_of_a_native_lab_builds_the_native_code_on_a_checkout_without_it()
    {
        // The tracked files of what lab 1.3 builds from: no build output comes along.
        var tracked = (await HostCommands.RunAsync("git", ["-C", Layout.Root, "ls-files", "--", "StatelessMind.sln", "global.json", "Directory.Build.props",
            "Directory.Packages.props", ".editorconfig", "labs/Harness", "labs/Harness.Testing", "labs/1.3", "native", "labs/goals.yaml"],
            timeout: TimeSpan.FromMinutes(1))).EnsureSuccess().StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(tracked);
        foreach (var file in tracked)
        {
            var target = Path.Combine(_folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(Layout.Root, file), target);
            if (OperatingSystem.IsLinux()) File.SetUnixFileMode(target, File.GetUnixFileMode(Path.Combine(Layout.Root, file)));
        }
        Assert.False(Directory.Exists(Path.Combine(_folder, "native", "build")), "the copy must start without native/build");
        Assert.False(Directory.Exists(Path.Combine(_folder, "native", "rust", "target")), "the copy must start without a Rust build");

        var result = await HostCommands.RunAsync("dotnet", ["test", Path.Combine(_folder, "labs", "1.3"), "--filter", "Goal=1.3-4", "-nologo"],
            environment: new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            timeout: TimeSpan.FromMinutes(15));
        output.WriteLine(result.StandardOutput.Length > 4000 ? result.StandardOutput[^4000..] : result.StandardOutput);
        Assert.True(result.ExitCode == 0, $"dotnet test labs/1.3 on a fresh checkout exited {result.ExitCode}:\n{result.StandardError}\n{result.StandardOutput}");
        Assert.Contains("Passed!", result.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "native", "build", "lib", "libsm_dynarray.so")), "the lab's build made the native library");
    }
}
