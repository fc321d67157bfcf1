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

    /// <summary>
    /// Runs <paramref name="script"/> (from <paramref name="folder"/>, by default <see cref="Folder"/>) to completion;
    /// never throws on a non-zero exit (check <see cref="CommandResult.ExitCode"/>).
    /// </summary>
    public static Task<CommandResult> RunAsync(string script, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null,
        string? asUser = null, string? folder = null, CancellationToken cancellationToken = default) =>
        HostCommands.RunAsync("bash", [folder is null ? PathOf(script) : Path.Combine(folder, script), .. args], asUser, environment,
            cancellationToken: cancellationToken);

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
