namespace StatelessMind.Labs.Relational.Management;

/// <summary>How <see cref="ScriptedCluster"/> creates its cluster with <c>pg-init.sh</c>.</summary>
public sealed record ScriptedClusterOptions
{
    /// <summary>Shows in the folder name.</summary>
    public string Name { get; init; } = "scripted";

    /// <summary>The superuser's password (scram-sha-256 authentication); null: trust authentication on loopback.</summary>
    public string? SuperuserPassword { get; init; }

    /// <summary>False (the default for tests): pg-init.sh -N, no fsync - fast, and fine for a cluster thrown away after use.</summary>
    public bool Durable { get; init; }

    /// <summary>The OS user that runs the scripts (needs this process to be root); null: this process's user.</summary>
    public string? RunScriptsAs { get; init; }
}
