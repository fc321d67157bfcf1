namespace StatelessMind.Labs.MlOps.Serving;

/// <summary>How a <see cref="ModelServer"/> is set up.</summary>
public sealed record ModelServerOptions
{
    /// <summary>The loopback port to listen on; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Listen on every interface instead of loopback only (inside a container, where the port is published).</summary>
    public bool AllInterfaces { get; init; }

    /// <summary>How many recent inputs the drift gauge averages over.</summary>
    public int DriftWindow { get; init; } = 100;

    /// <summary>A planted mistake in the drift gauge (tests only).</summary>
    public DriftBug DriftBug { get; init; } = DriftBug.None;
}
