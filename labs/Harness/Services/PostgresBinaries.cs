namespace StatelessMind.Harness.Services;

/// <summary>
/// The installed PostgreSQL server programs (initdb, pg_ctl, pg_basebackup, pg_rewind …): the folder <c>SM_PG_BIN</c>
/// names when set, else the newest server of version <see cref="MinimumMajorVersion"/> or later among
/// <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> (Debian) and the folder of <c>pg_ctl</c> on PATH.
/// As root they run as the <c>postgres</c> OS user.
/// </summary>
public sealed record PostgresBinaries(string BinDirectory, int MajorVersion, string? ServerUser)
{
    /// <summary>The oldest server version the harness accepts.</summary>
    public const int MinimumMajorVersion = 14;

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
        if (Environment.GetEnvironmentVariable("SM_PG_BIN") is { Length: > 0 } env) return [env]; // the learner's explicit choice
        var candidates = new List<string>();
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.EnumerateDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")));
        if (HostCommands.FindOnPath("pg_ctl") is { } onPath)
            candidates.Add(Path.GetDirectoryName(Path.GetFullPath(ResolveLink(onPath)))!);
        return candidates;
    }

    /// <summary>
    /// The newest server of version <see cref="MinimumMajorVersion"/> or later among the folders of
    /// <paramref name="candidates"/> that hold initdb and pg_ctl. When only older ones are installed, the error names
    /// each version found and where.
    /// </summary>
    /// <param name="candidates">Folders that may hold PostgreSQL's server programs.</param>
    public static PostgresBinaries LocateIn(IEnumerable<string> candidates)
    {
        var found = candidates.Distinct()
            .Where(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            .Select(dir => (Directory: dir, Version: ReadMajorVersion(Path.Combine(dir, "pg_ctl"))))
            .ToList();
        var newest = found.Where(f => f.Version >= MinimumMajorVersion).OrderByDescending(f => f.Version).FirstOrDefault();
        if (newest.Directory is null)
        {
            if (found.Count > 0)
                throw new ServiceUnavailableException(
                    $"PostgreSQL {MinimumMajorVersion} or later is needed, but only " +
                    string.Join(", ", found.Select(f => $"PostgreSQL {(f.Version > 0 ? f.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) : "of unknown version")} ({f.Directory})")) +
                    $" was found. Install a newer server (Debian 12's package 'postgresql' is PostgreSQL 15: make setup), point SM_PG_BIN at the bin folder " +
                    $"of PostgreSQL {MinimumMajorVersion}+, or set SM_POSTGRES to the connection string of a server you run.");
            throw new ServiceUnavailableException(
                $"PostgreSQL {MinimumMajorVersion}+ server programs (initdb, pg_ctl) were not found in SM_PG_BIN, /usr/lib/postgresql/*/bin or on PATH. " +
                "Install the Debian package 'postgresql' (make setup), or set SM_POSTGRES to the connection string of a server you run.");
        }
        string? user = null;
        if (HostCommands.IsRoot)
        {
            user = Environment.GetEnvironmentVariable("SM_PG_OS_USER") is { Length: > 0 } u ? u : "postgres";
            if (!File.ReadLines("/etc/passwd").Any(l => l.StartsWith(user + ":", StringComparison.Ordinal)))
                throw new ServiceUnavailableException(
                    $"Running as root, the embedded PostgreSQL must run as an unprivileged OS user, and '{user}' does not exist. " +
                    "Install the Debian package 'postgresql' (it creates the 'postgres' user), or set SM_PG_OS_USER to another user.");
        }
        return new PostgresBinaries(newest.Directory, newest.Version, user);
    }

    private static string ResolveLink(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null ? path : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
    }

    private static int ReadMajorVersion(string pgCtl)
    {
        CommandResult result;
        try
        {
            result = HostCommands.RunAsync(pgCtl, ["--version"], timeout: TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is ServiceUnavailableException or TimeoutException)
        {
            return 0;
        }
        // "pg_ctl (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)", "pg_ctl (PostgreSQL) 17beta1"
        var token = result.StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(2).FirstOrDefault() ?? "";
        var digits = new string(token.TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var major) ? major : 0;
    }
}
