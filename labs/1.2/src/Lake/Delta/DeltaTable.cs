using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Parquet.Serialization;
using StatelessMind.Labs.Lifecycle.Lake.Data;
using StatelessMind.Labs.Lifecycle.Lake.Storage;

namespace StatelessMind.Labs.Lifecycle.Lake.Delta;

/// <summary>
/// A Delta Lake table written from the protocol's public specification, over any <see cref="IObjectStore"/>:
/// data files (Parquet) under the table root, and <c>_delta_log/</c> holding one JSON commit per version
/// (<c>00000000000000000007.json</c>), Parquet checkpoints and <c>_last_checkpoint</c>. A commit is atomic because
/// version N+1 is created only if absent: of two writers that read version N, one creates N+1, the other finds it
/// taken, checks the winner's actions against what it read and wrote, and either retries at N+2 or fails with a
/// <see cref="DeltaConflictException"/>.
/// </summary>
public sealed partial class DeltaTable(IObjectStore store, string root, DeltaBug bug = DeltaBug.None)
{
    /// <summary>How many versions a writer tries before giving up (each lost race costs one).</summary>
    public const int MaxCommitAttempts = 50;
    private static readonly JsonSerializerOptions Json = new();

    public IObjectStore Store { get; } = store;
    public string Root { get; } = root.TrimEnd('/');
    public DeltaBug Bug { get; } = bug;
    public string LogPrefix => $"{Root}/_delta_log/";
    public string CommitKey(long version) => $"{LogPrefix}{version:D20}.json";
    public string CheckpointKey(long version) => $"{LogPrefix}{version:D20}.checkpoint.parquet";
    public string LastCheckpointKey => $"{LogPrefix}_last_checkpoint";

    /// <summary>Creates the table: version 0 holds the protocol and the metadata. Fails if version 0 exists.</summary>
    public async Task CreateAsync(TableMetadata metadata, CancellationToken cancellationToken = default)
    {
        var actions = new[]
        {
            new DeltaAction { CommitInfo = new CommitInfo { Timestamp = Now(), Operation = "CREATE TABLE", IsBlindAppend = true } },
            new DeltaAction { Protocol = new ProtocolVersions() },
            new DeltaAction { MetaData = metadata },
        };
        if (!await Store.PutIfAbsentAsync(CommitKey(0), DeltaAction.Serialize(actions), cancellationToken))
            throw new DeltaConflictException($"{Root}: the table already exists (version 0 is taken).", 0);
    }

    /// <summary>
    /// Commits <paramref name="actions"/> as the next version after <paramref name="readVersion"/>.
    /// <paramref name="readPartitions"/> is what the transaction read (partition folders such as <c>day=2025-01-03</c>,
    /// or <c>*</c> for the whole table); null for a blind append that read nothing.
    /// </summary>
    public async Task<DeltaCommitResult> CommitAsync(long readVersion, IReadOnlyList<DeltaAction> actions, string operation,
        IReadOnlySet<string>? readPartitions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        #region Exercise 1.2-3a: commit by create-if-absent of the next version; on a lost race, check the winner and retry or fail (tests: DeltaCommitTests, DeltaSnapshotTests, DeltaCheckpointTests, DeltaVacuumTests, WarehouseTests, LakehousePipelineTests, ExperimentTests)
        var info = new DeltaAction
        {
            CommitInfo = new CommitInfo { Timestamp = Now(), Operation = operation, ReadVersion = readVersion, IsBlindAppend = readPartitions is null },
        };
        var body = DeltaAction.Serialize([info, .. actions]);
        var version = readVersion + 1;
        for (var attempt = 1; attempt <= MaxCommitAttempts; attempt++)
        {
            if (await WriteCommitAsync(version, body, cancellationToken)) return new DeltaCommitResult(version, attempt);
            // Lost the race for this version: the winner's actions decide whether ours still make sense after them.
            var winner = await ReadCommitAsync(version, cancellationToken);
            if (ConflictChecker.Find(actions, readPartitions, winner) is { } conflict)
                throw new DeltaConflictException($"{Root}: version {version} was committed by another writer after this transaction read " +
                                                 $"version {readVersion}, and {conflict}; re-read the table and run the transaction again.", version);
            version++;
        }
        throw new DeltaConflictException($"{Root}: gave up after {MaxCommitAttempts} lost races for a version (read at {readVersion}).", version - 1);
        #endregion
    }

    /// <summary>The latest version (null: no table). Lists the log from <c>_last_checkpoint</c> on, as a reader on S3 does.</summary>
    public async Task<long?> LatestVersionAsync(CancellationToken cancellationToken = default)
    {
        var (commits, checkpoints, _) = await ListLogAsync(useLastCheckpoint: true, cancellationToken);
        return commits.Concat(checkpoints).Select(v => (long?)v).Max();
    }

    /// <summary>The table at <paramref name="version"/> (time travel), or at the latest version when null.</summary>
    public async Task<DeltaSnapshot> SnapshotAsync(long? version = null, CancellationToken cancellationToken = default)
    {
        var (commits, checkpoints, _) = await ListLogAsync(useLastCheckpoint: version is null, cancellationToken);
        var latest = commits.Concat(checkpoints).Select(v => (long?)v).Max()
                     ?? throw new InvalidOperationException($"{Root}: no Delta table here (no _delta_log/ commits).");
        var target = version ?? latest;
        if (target < 0 || target > latest)
            throw new ArgumentOutOfRangeException(nameof(version), $"{Root}: version {target} does not exist (the latest is {latest}).");
        var checkpoint = checkpoints.Where(c => c <= target).Select(c => (long?)c).Max();
        var replay = new LogReplay();
        if (checkpoint is { } cp) replay.Apply(await ReadCheckpointAsync(cp, cancellationToken));
        var read = 0;
        for (var v = (checkpoint ?? -1) + 1; v <= target; v++)
        {
            var actions = await ReadCommitAsync(v, cancellationToken);
            if (Bug == DeltaBug.ReadIgnoresRemoves) actions = actions.Where(a => a.Remove is null).ToList();
            replay.Apply(actions);
            read++;
        }
        var metadata = replay.Metadata ?? throw new InvalidDataException($"{Root}: no metaData action up to version {target}.");
        return new DeltaSnapshot(target, metadata, replay.Protocol ?? new ProtocolVersions(),
            replay.Files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList(),
            replay.Tombstones.OrderBy(f => f.Path, StringComparer.Ordinal).ToList(), checkpoint, read);
    }

    /// <summary>The actions of one commit file (a missing version inside the log is an error: the log has a gap).</summary>
    public async Task<IReadOnlyList<DeltaAction>> ReadCommitAsync(long version, CancellationToken cancellationToken = default)
    {
        var key = CommitKey(version);
        var bytes = await Store.GetAsync(key, cancellationToken)
                    ?? throw new InvalidDataException($"{key} is missing: the log has no version {version}.");
        return DeltaAction.Parse(bytes, key);
    }

    /// <summary>
    /// Writes a checkpoint of <paramref name="version"/> (the latest when null): every action needed to rebuild that
    /// snapshot — protocol, metaData, the live files' adds and the tombstones' removes — as one Parquet file, then points
    /// <c>_last_checkpoint</c> at it. Readers then start there instead of replaying every JSON commit from 0.
    /// </summary>
    public async Task<long> CheckpointAsync(long? version = null, CancellationToken cancellationToken = default)
    {
        var snapshot = await SnapshotAsync(version, cancellationToken);
        #region Exercise 1.2-3d: write the checkpoint Parquet file and _last_checkpoint (tests: DeltaCheckpointTests, LakehousePipelineTests, ExperimentTests)
        var rows = new List<DeltaAction>
        {
            new() { Protocol = snapshot.Protocol },
            new() { MetaData = snapshot.Metadata },
        };
        rows.AddRange(snapshot.Files.Select(DeltaAction.Of));
        rows.AddRange(snapshot.Tombstones.Select(DeltaAction.Of));
        using var buffer = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, buffer, cancellationToken: cancellationToken);
        // The checkpoint first, the pointer second: a reader that sees the pointer finds the file.
        await Store.PutAsync(CheckpointKey(snapshot.Version), buffer.ToArray(), cancellationToken);
        var pointer = new LastCheckpoint { Version = snapshot.Version, Size = rows.Count };
        await Store.PutAsync(LastCheckpointKey, JsonSerializer.SerializeToUtf8Bytes(pointer, Json), cancellationToken);
        return snapshot.Version;
        #endregion
    }

    /// <summary>The actions stored in the checkpoint of <paramref name="version"/>.</summary>
    public async Task<IReadOnlyList<DeltaAction>> ReadCheckpointAsync(long version, CancellationToken cancellationToken = default)
    {
        var key = CheckpointKey(version);
        var bytes = await Store.GetAsync(key, cancellationToken) ?? throw new InvalidDataException($"{key} is missing.");
        using var stream = new MemoryStream(bytes, writable: false);
        var result = await ParquetSerializer.DeserializeAsync<DeltaAction>(stream, cancellationToken: cancellationToken);
        return [.. result.Data];
    }

    /// <summary>
    /// Deletes the data files that no version from <paramref name="retainFromVersion"/> to the latest references:
    /// files removed at or before that version, and orphans no commit ever added. Time travel to versions before it
    /// is given up. (Delta retains by time — 7 days by default — so that a writer's uploaded but not yet committed
    /// files are not taken for orphans; here the caller chooses the version, with no writer in flight.)
    /// </summary>
    public async Task<VacuumResult> VacuumAsync(long retainFromVersion, CancellationToken cancellationToken = default)
    {
        var latest = await LatestVersionAsync(cancellationToken) ?? throw new InvalidOperationException($"{Root}: no Delta table here.");
        HashSet<string> referenced;
        #region Exercise 1.2-3e: collect every data file some retained version references (tests: DeltaVacuumTests, LakehousePipelineTests, ExperimentTests)
        // A file live at any version v in [retain, latest] was either live at retain or added by a commit after it.
        referenced = (await SnapshotAsync(retainFromVersion, cancellationToken)).Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        for (var v = retainFromVersion + 1; v <= latest; v++)
            foreach (var action in await ReadCommitAsync(v, cancellationToken))
                if (action.Add is { } add) referenced.Add(add.Path);
        #endregion
        if (Bug == DeltaBug.VacuumDeletesReferencedFiles)
            referenced = (await ReadCommitAsync(latest, cancellationToken)).Where(a => a.Add is not null).Select(a => a.Add!.Path).ToHashSet(StringComparer.Ordinal);
        var deleted = new List<string>();
        var kept = 0;
        foreach (var entry in await Store.ListAsync(Root + "/", cancellationToken: cancellationToken))
        {
            if (entry.Key.StartsWith(LogPrefix, StringComparison.Ordinal)) continue;
            var path = entry.Key[(Root.Length + 1)..];
            if (referenced.Contains(path))
            {
                kept++;
                continue;
            }
            await Store.DeleteAsync(entry.Key, cancellationToken);
            deleted.Add(path);
        }
        return new VacuumResult(deleted, kept);
    }

    /// <summary>Writes one day's rows as a new data file of the table (not yet committed) and returns its add action.</summary>
    public async Task<AddFile> WriteDataFileAsync(DateOnly day, IReadOnlyCollection<SaleRecord> rows, bool dataChange = true,
        CancellationToken cancellationToken = default)
    {
        var path = $"{SaleParquet.PartitionOf(day)}/part-{Guid.NewGuid():N}.parquet";
        var bytes = await SaleParquet.EncodeAsync(rows, cancellationToken);
        await Store.PutAsync($"{Root}/{path}", bytes, cancellationToken);
        return new AddFile
        {
            Path = path,
            PartitionValues = new Dictionary<string, string> { ["day"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            Size = bytes.Length,
            ModificationTime = Now(),
            DataChange = dataChange,
            Stats = $"{{\"numRecords\":{rows.Count.ToString(CultureInfo.InvariantCulture)}}}",
        };
    }

    /// <summary>Reads the rows of a snapshot: its live files, nothing else.</summary>
    public async Task<IReadOnlyList<SaleRecord>> ReadRowsAsync(DeltaSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var rows = new List<SaleRecord>();
        foreach (var file in snapshot.Files)
        {
            var key = $"{Root}/{file.Path}";
            var bytes = await Store.GetAsync(key, cancellationToken)
                        ?? throw new FileNotFoundException($"{key} is referenced by version {snapshot.Version} but missing from the store.");
            rows.AddRange(await SaleParquet.DecodeAsync(bytes, DateOnly.ParseExact(file.PartitionValues["day"], "yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken));
        }
        return rows;
    }

    /// <summary>The record count of an add from its stats.</summary>
    public static long RecordsOf(AddFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Stats is { } s ? JsonDocument.Parse(s).RootElement.GetProperty("numRecords").GetInt64() : 0;
    }

    private Task<bool> WriteCommitAsync(long version, byte[] body, CancellationToken cancellationToken) =>
        Bug == DeltaBug.CommitOverwritesExistingVersion
            ? Store.PutAsync(CommitKey(version), body, cancellationToken).ContinueWith(_ => true, cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default)
            : Store.PutIfAbsentAsync(CommitKey(version), body, cancellationToken);

    private async Task<(List<long> Commits, List<long> Checkpoints, LastCheckpoint? Pointer)> ListLogAsync(bool useLastCheckpoint, CancellationToken cancellationToken)
    {
        LastCheckpoint? pointer = null;
        if (useLastCheckpoint && await Store.GetAsync(LastCheckpointKey, cancellationToken) is { } bytes)
            pointer = JsonSerializer.Deserialize<LastCheckpoint>(bytes, Json);
        var startAfter = pointer is null ? null : $"{LogPrefix}{pointer.Version - 1:D20}.zzz";
        var commits = new List<long>();
        var checkpoints = new List<long>();
        foreach (var entry in await Store.ListAsync(LogPrefix, startAfter, cancellationToken))
        {
            var m = LogFileName().Match(entry.Key[LogPrefix.Length..]);
            if (!m.Success) continue;
            var v = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            (m.Groups[2].Value == "json" ? commits : checkpoints).Add(v);
        }
        return (commits, checkpoints, pointer);
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    [GeneratedRegex(@"^(\d{20})\.(json|checkpoint\.parquet)$")]
    private static partial Regex LogFileName();
}
