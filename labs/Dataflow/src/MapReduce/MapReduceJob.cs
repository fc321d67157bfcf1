namespace StatelessMind.Dataflow.MapReduce;

/// <summary>A MapReduce job: the input files (one map task each), the number of reduce tasks, the application (an
/// assembly and a type in it that the workers load), and the shared folder where intermediate and output files go.</summary>
public sealed record MapReduceJob
{
    public required IReadOnlyList<string> InputFiles { get; init; }
    public required int ReduceTasks { get; init; }
    public required string ApplicationAssembly { get; init; }
    public required string ApplicationType { get; init; }
    public required string WorkDirectory { get; init; }

    /// <summary>A task not reported done within this time is given to another worker (the classic lab uses 10 s).</summary>
    public TimeSpan TaskTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the coordinator waits, after the job is done, for the workers to hear "exit" before it stops.</summary>
    public TimeSpan ExitGrace { get; init; } = TimeSpan.FromSeconds(5);

    public MapReduceBug Bug { get; init; } = MapReduceBug.None;

    /// <summary>Where the coordinator listens: loopback unless workers run on other hosts (containers).</summary>
    public System.Net.IPAddress ListenAddress { get; init; } = System.Net.IPAddress.Loopback;

    /// <summary>The port to listen on (0: any free port).</summary>
    public int ListenPort { get; init; }

    /// <summary>A job running <typeparamref name="TApplication"/> from the assembly it was compiled into.</summary>
    public static MapReduceJob For<TApplication>(IReadOnlyList<string> inputFiles, int reduceTasks, string workDirectory)
        where TApplication : IMapReduceApplication, new() =>
        new()
        {
            InputFiles = inputFiles,
            ReduceTasks = reduceTasks,
            ApplicationAssembly = typeof(TApplication).Assembly.Location,
            ApplicationType = typeof(TApplication).FullName!,
            WorkDirectory = workDirectory,
        };

    internal void Validate()
    {
        if (InputFiles.Count == 0) throw new ArgumentException("A MapReduce job needs at least one input file.", nameof(InputFiles));
        foreach (var f in InputFiles)
            if (!File.Exists(f)) throw new FileNotFoundException($"Input file '{f}' does not exist.", f);
        if (ReduceTasks < 1) throw new ArgumentOutOfRangeException(nameof(ReduceTasks), ReduceTasks, "A job needs at least one reduce task.");
        if (!File.Exists(ApplicationAssembly)) throw new FileNotFoundException($"Application assembly '{ApplicationAssembly}' does not exist.", ApplicationAssembly);
        if (TaskTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(TaskTimeout), TaskTimeout, "The task timeout must be positive.");
        Directory.CreateDirectory(WorkDirectory);
    }
}
