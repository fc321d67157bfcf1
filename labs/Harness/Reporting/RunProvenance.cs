using System.Globalization;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Services;

namespace StatelessMind.Harness.Reporting;

/// <summary>
/// Where a run's findings came from: the commit of the code that ran (and whether the working tree differed from it),
/// when the run started, at which scale and seed, and the machine. Each report page and the index state it.
/// </summary>
/// <param name="Commit">The full commit id (<c>git rev-parse HEAD</c>), or "unknown" outside a git checkout.</param>
/// <param name="Dirty">The working tree had changes not in <paramref name="Commit"/> (<c>git status --porcelain</c>).</param>
/// <param name="StartedAt">When the run started (UTC).</param>
/// <param name="Scale">The run's scale.</param>
/// <param name="Seed">The seed every experiment was given.</param>
/// <param name="Machine">The machine.</param>
public sealed record RunProvenance(string Commit, bool Dirty, DateTimeOffset StartedAt, Scale Scale, int Seed, MachineDescription Machine)
{
    public const string UnknownCommit = "unknown";

    /// <summary>The commit shortened to 12 characters, with " (dirty)" when the tree had changes.</summary>
    public string CommitText => (Commit.Length > 12 ? Commit[..12] : Commit) + (Dirty ? " (dirty)" : "");

    /// <summary>"commit 1a2b3c4d5e6f (dirty) · 2026-12-03 22:40 UTC · scale full · seed 20261127 · 2 cores, …".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"commit {CommitText} · {StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC · scale {Scale.ToString().ToLowerInvariant()} · seed {Seed} · {Machine}");

    /// <summary>Describes a run starting now from the checkout at <paramref name="repositoryRoot"/>.</summary>
    /// <param name="repositoryRoot">The repository's root folder.</param>
    /// <param name="scale">The run's scale.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="cancellationToken">Stops the git commands.</param>
    public static async Task<RunProvenance> CaptureAsync(string repositoryRoot, Scale scale, int seed, CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        var commit = UnknownCommit;
        var dirty = false;
        try
        {
            var head = await GitAsync(repositoryRoot, ["rev-parse", "HEAD"], cancellationToken);
            if (head.Succeeded)
            {
                commit = head.StandardOutput.Trim();
                var status = await GitAsync(repositoryRoot, ["status", "--porcelain"], cancellationToken);
                dirty = !status.Succeeded || status.StandardOutput.Trim().Length > 0;
            }
        }
        catch (Exception e) when (e is ServiceUnavailableException or TimeoutException)
        {
            // No git on this machine, or it hung: the commit stays unknown, and the pages say so.
        }
        return new RunProvenance(commit, dirty, started, scale, seed, MachineDescription.Current());
    }

    private static Task<CommandResult> GitAsync(string root, IEnumerable<string> args, CancellationToken cancellationToken) =>
        HostCommands.RunAsync("git", ["-C", root, .. args], cancellationToken: cancellationToken, timeout: TimeSpan.FromSeconds(30));
}
