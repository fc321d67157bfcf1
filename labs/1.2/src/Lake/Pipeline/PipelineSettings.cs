namespace StatelessMind.Labs.Lifecycle.Lake.Pipeline;

/// <summary>How the pipeline lays the data out: lake files per day, days per lakehouse append commit, where each zone lives.</summary>
public sealed record PipelineSettings(int FilesPerDay = 4, int DaysPerCommit = 3, string LakePrefix = "raw/sales", string TableRoot = "lakehouse/sales");
