using StatelessMind.Harness.Services;

namespace StatelessMind.Harness.Experiments;

/// <summary>What an experiment runs with: its scale, the shared services, a folder for its files
/// (plots, data), progress reporting and a seed for every random choice it makes.</summary>
public sealed class ExperimentContext
{
    public ExperimentContext(Scale scale, ExperimentServices services, DirectoryInfo outputDirectory,
        IProgress<ExperimentProgress>? progress = null, int seed = 20261127)
    {
        Scale = scale;
        Services = services;
        OutputDirectory = outputDirectory;
        Progress = progress ?? new Progress<ExperimentProgress>();
        Seed = seed;
        OutputDirectory.Create();
    }

    public Scale Scale { get; }
    public ExperimentServices Services { get; }
    public DirectoryInfo OutputDirectory { get; }
    public IProgress<ExperimentProgress> Progress { get; }
    public int Seed { get; }

    /// <summary>Picks the size for the current scale.</summary>
    public T Size<T>(T small, T full) => Scale == Scale.Full ? full : small;

    public void Report(double fraction, string message) => Progress.Report(new ExperimentProgress(Math.Clamp(fraction, 0, 1), message));

    /// <summary>Saves a ScottPlot plot as a PNG in the output folder and returns the reference a finding lists.</summary>
    public PlotRef SavePlot(ScottPlot.Plot plot, string fileName, string caption, int width = 900, int height = 500)
    {
        if (!fileName.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) fileName += ".png";
        plot.SavePng(Path.Combine(OutputDirectory.FullName, fileName), width, height);
        return new PlotRef(fileName, caption);
    }

    /// <summary>A context for tests: small scale, its own services, a temporary output folder. The folders of
    /// one test process sit together under <see cref="TestReportsRoot"/> and stay for inspection until the next
    /// test process starts, which removes those of processes that have ended.</summary>
    public static ExperimentContext ForTest(ExperimentServices services, string goalId) =>
        new(Scale.Small, services, new DirectoryInfo(Path.Combine(TestProcessFolder.Value, goalId, Guid.NewGuid().ToString("N")[..8])));

    /// <summary>Where <see cref="ForTest"/> puts its output folders, one sub-folder per test process.</summary>
    public static string TestReportsRoot { get; } = Path.Combine(Path.GetTempPath(), "stateless-mind-test-reports");

    private static readonly Lazy<string> TestProcessFolder = new(() =>
    {
        SweepEndedTestFolders();
        return Path.Combine(TestReportsRoot, ServiceWorkspace.CurrentProcessIdentity.Replace(' ', '-'));
    });

    /// <summary>Removes the test output folders of test processes that have ended; returns how many it removed.
    /// A folder is named after its process ("pid-starttime"), so an ended process is recognised from the name
    /// alone, with no window between creating a folder and marking it as owned.</summary>
    public static int SweepEndedTestFolders()
    {
        if (!Directory.Exists(TestReportsRoot)) return 0;
        var removed = 0;
        foreach (var dir in Directory.EnumerateDirectories(TestReportsRoot))
        {
            if (ServiceWorkspace.IsRunning(Path.GetFileName(dir).Replace('-', ' '))) continue;
            try
            {
                Directory.Delete(dir, recursive: true);
                removed++;
            }
            catch (IOException) { } // another test process is removing the same folder
            catch (UnauthorizedAccessException) { }
        }
        return removed;
    }
}
