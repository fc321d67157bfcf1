namespace StatelessMind.Labs.Transformation.Cli;

/// <summary>The commands of the runner's command line, named after dbt's.</summary>
public enum DbtVerb { Build, Run, Test, Snapshot, Seed, Compile, DocsGenerate }
