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

    /// <summary>A context for tests: small scale, its own services, a temporary output folder.</summary>
    public static ExperimentContext ForTest(ExperimentServices services, string goalId) =>
        new(Scale.Small, services, new DirectoryInfo(Path.Combine(Path.GetTempPath(), "stateless-mind-test-reports", goalId, Guid.NewGuid().ToString("N")[..8])));
}
