using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Relational.Management;

/// <summary>
/// Runs the PostgreSQL management scripts of <c>infra/postgres</c> (the code of goal 1.4-1 is Bash;
/// this is how the tests and the experiment call it). Each runs through <c>bash</c>, optionally as another
/// OS user (when this process is root), with the environment it is given (PGPASSWORD, APP_PASSWORD …).
/// </summary>
public static class PostgresScripts
{
    /// <summary>The scripts, in the order a cluster's life uses them.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["pg-init.sh", "pg-ctl.sh", "pg-health.sh", "pg-create-app.sh", "pg-config.sh", "pg-backup.sh", "pg-restore.sh"];

    public static string Folder => Path.Combine(RepositoryLayout.Locate().InfraDirectory, "postgres");

    public static string PathOf(string script)
    {
        var path = Path.Combine(Folder, script);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Management script {script} is not in {Folder}.", path);
    }

    /// <summary>How long a script may run when the caller gives no limit: longer than any step of the lab at full scale.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Runs <paramref name="script"/> (from <paramref name="folder"/>, by default <see cref="Folder"/>) to completion;
    /// never throws on a non-zero exit (check <see cref="CommandResult.ExitCode"/>). A script still running after
    /// <paramref name="timeout"/> (default <see cref="DefaultTimeout"/>) is killed with everything it started
    /// (pg_dump, pg_restore, psql) and a <see cref="TimeoutException"/> names it.
    /// </summary>
    public static async Task<CommandResult> RunAsync(string script, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null,
        string? asUser = null, string? folder = null, CancellationToken cancellationToken = default, TimeSpan? timeout = null)
    {
        var arguments = args.ToList();
        var limit = timeout ?? DefaultTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            return await HostCommands.RunAsync("bash", [folder is null ? PathOf(script) : Path.Combine(folder, script), .. arguments], asUser, environment,
                cancellationToken: deadline.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{script} {string.Join(' ', arguments)} did not finish within {limit.TotalSeconds:0.#} s and was killed with the programs it started.", e);
        }
    }

    /// <summary>
    /// Copies the scripts (and lib.sh) into <paramref name="folder"/>: another OS user may not be allowed to read
    /// them where the repository is checked out (e.g. under a root-only home folder).
    /// </summary>
    public static void CopyTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(Folder, "*.sh"))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
    }
}
