namespace StatelessMind.Harness.Experiments;

/// <summary>A PNG an experiment saved in its output folder, with what it shows.</summary>
public sealed record PlotRef(string FileName, string Caption);
