namespace StatelessMind.Harness.Services;

/// <summary>
/// The installed PostgreSQL server programs (initdb, pg_ctl, pg_basebackup, pg_rewind …).
/// Found in <c>SM_PG_BIN</c>, else the newest <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> (Debian),
/// else <c>pg_config --bindir</c>. As root they run as the <c>postgres</c> OS user.
/// </summary>
public sealed record PostgresBinaries(string BinDirectory, int MajorVersion, string? ServerUser)
{
    public const int MinimumMajorVersion = 15;

    public string Tool(string name)
    {
        var path = Path.Combine(BinDirectory, name);
        return File.Exists(path)
            ? path
            : throw new ServiceUnavailableException($"PostgreSQL tool '{name}' is missing from {BinDirectory}. Install the Debian package 'postgresql' (make setup).");
    }

    private static readonly Lazy<PostgresBinaries> Located = new(LocateCore);

    public static PostgresBinaries Locate() => Located.Value;

    private static PostgresBinaries LocateCore() => LocateIn(DefaultCandidates());

    private static IEnumerable<string> DefaultCandidates()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("SM_PG_BIN") is { Length: > 0 } env) candidates.Add(env);
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(d => (dir: Path.Combine(d, "bin"), version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(c => c.version >= MinimumMajorVersion)
                .OrderByDescending(c => c.version)
                .Select(c => c.dir));
        if (HostCommands.FindOnPath("pg_ctl") is { } onPath)
            candidates.Add(Path.GetDirectoryName(Path.GetFullPath(ResolveLink(onPath)))!);
        return candidates;
    }

    /// <summary>The first folder of <paramref name="candidates"/> that holds PostgreSQL 15+ server programs.</summary>
    public static PostgresBinaries LocateIn(IEnumerable<string> candidates)
    {
        foreach (var dir in candidates.Distinct())
        {
            if (!File.Exists(Path.Combine(dir, "initdb")) || !File.Exists(Path.Combine(dir, "pg_ctl"))) continue;
            var version = ReadMajorVersion(Path.Combine(dir, "pg_ctl"));
            if (version < MinimumMajorVersion) continue;
            string? user = null;
            if (HostCommands.IsRoot)
            {
                user = Environment.GetEnvironmentVariable("SM_PG_OS_USER") is { Length: > 0 } u ? u : "postgres";
                if (!File.ReadLines("/etc/passwd").Any(l => l.StartsWith(user + ":", StringComparison.Ordinal)))
                    throw new ServiceUnavailableException(
                        $"Running as root, the embedded PostgreSQL must run as an unprivileged OS user, and '{user}' does not exist. " +
                        "Install the Debian package 'postgresql' (it creates the 'postgres' user), or set SM_PG_OS_USER to another user.");
            }
            return new PostgresBinaries(dir, version, user);
        }
        throw new ServiceUnavailableException(
            $"PostgreSQL {MinimumMajorVersion}+ server programs (initdb, pg_ctl) were not found in SM_PG_BIN, /usr/lib/postgresql/*/bin or on PATH. " +
            "Install the Debian package 'postgresql' (make setup), or set SM_POSTGRES to the connection string of a server you run.");
    }

    private static string ResolveLink(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null ? path : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
    }

    private static int ReadMajorVersion(string pgCtl)
    {
        var result = HostCommands.RunAsync(pgCtl, ["--version"]).GetAwaiter().GetResult();
        // "pg_ctl (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
        var token = result.StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(2).FirstOrDefault() ?? "0";
        return int.TryParse(token.Split('.')[0], out var major) ? major : 0;
    }
}
