using System.Text;
using StatelessMind.Labs.Storage.Lsm;
using StatelessMind.Labs.Storage.Lsm.Files;

namespace StatelessMind.Labs.Storage.Tests.Lsm;

/// <summary>
/// One run of the randomized model test: seeded operations on an <see cref="LsmTree"/> over a
/// <see cref="FaultInjectionFileSystem"/> and on a SortedDictionary, compared at every read. Operations: puts with
/// values of 0 to 4,096 bytes (a fifth of them empty), deletes, atomic batches, gets, scans with random bounds (a third
/// of them in reverse),
/// flushes, full compactions, clean reopens, process kills and power cuts (with torn writes). Options are tiny, so the
/// data spreads over several levels. After a kill, and after a power cut with every write fsynced, every acknowledged
/// write must be there; after a power cut without fsync, the tree must hold the state after some prefix of the
/// writes made since the last point that was certainly durable. With inline maintenance a seed replays exactly.
/// </summary>
internal sealed class LsmModelRun(int seed, int operations, bool background, StorageBug bug = StorageBug.None)
{
    private const int KeySpace = 400;
    private static readonly string[] Prefixes = ["", "a", "user/", "user/profile/", "a-much-longer-common-prefix-shared-by-keys/"];

    private readonly Random _random = new(seed);
    private readonly FaultInjectionFileSystem _disk = new();
    private readonly SortedDictionary<byte[], byte[]> _model = new(ByteArrayComparer.Instance);
    private readonly Queue<string> _recent = new();
    private readonly List<List<(byte[] Key, byte[]? Value)>> _sinceDurable = [];
    private Dictionary<string, byte[]> _durable = [];
    private LsmTree? _tree;

    public WalSyncMode Sync { get; } = seed % 2 == 0 ? WalSyncMode.Fsync : WalSyncMode.NoSync;

    public int Reopens { get; private set; }
    public int Crashes { get; private set; }
    public int PowerCuts { get; private set; }
    /// <summary>The most levels that held tables at one time.</summary>
    public int LevelsUsed { get; private set; }

    private LsmOptions Options => new()
    {
        MemtableBytes = 4096,
        BlockBytes = 256,
        RestartInterval = 4,
        BloomBitsPerKey = 8,
        Level0CompactionTrigger = 2,
        Level0StopWritesTrigger = 6,
        Level1MaxBytes = 16 * 1024,
        LevelSizeMultiplier = 3,
        TargetFileBytes = 8 * 1024,
        MaxLevels = 5,
        WalSync = Sync,
        BackgroundMaintenance = background,
        Bug = bug,
        FileSystem = _disk.NewProcess(),
    };

    /// <summary>Null when the tree agreed with the model throughout, else the seed, the operation and what differed.</summary>
    public string? Run()
    {
        var op = 0;
        try
        {
            _tree = LsmTree.Open(LsmTestKit.VirtualDirectory, Options);
            for (; op < operations; op++)
            {
                if (Step() is { } problem) return Report(op, problem);
                LevelsUsed = Math.Max(LevelsUsed, _tree.Levels.Count(l => l.Tables > 0));
                if (op % 250 == 249 && CompareAll() is { } drift) return Report(op, drift);
            }
            return CompareAll() is { } final ? Report(op, final) : null;
        }
        catch (Exception e)
        {
            return Report(op, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            _tree?.Dispose();
        }
    }

    private string Report(int op, string problem) =>
        $"seed {seed} ({(background ? "background" : "inline")} maintenance, {Sync}), operation {op}: {problem}\n" +
        $"last operations: {string.Join("; ", _recent)}\n" +
        $"replay: SM_LSM_SEED={seed} dotnet test labs/1.1.4 --filter FullyQualifiedName~LsmModelTests";

    private void Note(string what)
    {
        _recent.Enqueue(what);
        if (_recent.Count > 12) _recent.Dequeue();
    }

    private byte[] RandomKey()
    {
        var i = _random.Next(KeySpace);
        return i == 0 ? [] : Encoding.ASCII.GetBytes($"{Prefixes[i % Prefixes.Length]}{i}");
    }

    private byte[] RandomValue()
    {
        var size = _random.Next(10) switch
        {
            0 or 1 => 0,
            < 7 => _random.Next(1, 32),
            7 or 8 => _random.Next(32, 1024),
            _ => _random.Next(1024, 4097),
        };
        var value = new byte[size];
        _random.NextBytes(value);
        return value;
    }

    private static string Show(byte[] key) => $"\"{Encoding.ASCII.GetString(key)}\"";

    private string? Step()
    {
        var tree = _tree!;
        var roll = _random.Next(1000);
        switch (roll)
        {
            case < 420:
            {
                var (key, value) = (RandomKey(), RandomValue());
                Note($"Put({Show(key)}, {value.Length} B)");
                tree.Put(key, value);
                Apply([(key, value)]);
                return null;
            }
            case < 540:
            {
                var key = RandomKey();
                Note($"Delete({Show(key)})");
                tree.Delete(key);
                Apply([(key, null)]);
                return null;
            }
            case < 590:
            {
                var batch = Enumerable.Range(0, _random.Next(2, 6)).Select(_ => (RandomKey(), _random.Next(4) == 0 ? null : RandomValue())).ToList();
                Note($"Write({batch.Count} operations)");
                tree.Write(batch);
                Apply(batch);
                return null;
            }
            case < 780:
            {
                var key = RandomKey();
                Note($"Get({Show(key)})");
                return Same(_model.GetValueOrDefault(key), tree.Get(key)) ? null : $"Get({Show(key)}) returned {Describe(tree.Get(key))}, the model holds {Describe(_model.GetValueOrDefault(key))}";
            }
            case < 860:
            {
                var (a, b) = (_random.Next(3) == 0 ? null : RandomKey(), _random.Next(3) == 0 ? null : RandomKey());
                if (a is not null && b is not null && ByteArrayComparer.Instance.Compare(a, b) > 0) (a, b) = (b, a);
                Note($"Scan({(a is null ? "start" : Show(a))}, {(b is null ? "end" : Show(b))})");
                var expected = _model.Where(kv => (a is null || ByteArrayComparer.Instance.Compare(kv.Key, a) >= 0) && (b is null || ByteArrayComparer.Instance.Compare(kv.Key, b) < 0)).ToList();
                if (_random.Next(3) > 0) return CompareScan(expected, tree.Scan(a, b).ToList());
                Note("(in reverse)");
                expected.Reverse();
                return CompareScan(expected, tree.ScanReverse(a, b).ToList());
            }
            case < 885:
                Note("Flush()");
                tree.Flush();
                MarkDurable();
                return null;
            case < 890:
                Note("CompactAll()");
                tree.CompactAll();
                MarkDurable();
                return null;
            case < 900:
                Note("reopen");
                tree.Dispose();
                _tree = LsmTree.Open(LsmTestKit.VirtualDirectory, Options);
                Reopens++;
                MarkDurable();
                return CompareAll();
            case < 908:
                Note("kill -9");
                _disk.Crash(powerLoss: false);
                tree.Dispose();
                _tree = LsmTree.Open(LsmTestKit.VirtualDirectory, Options);
                Crashes++;
                MarkDurable();
                return CompareAll();
            case < 916:
                Note("power cut");
                _disk.Crash(powerLoss: true, tornWrites: _random);
                tree.Dispose();
                _tree = LsmTree.Open(LsmTestKit.VirtualDirectory, Options);
                PowerCuts++;
                var problem = Sync == WalSyncMode.Fsync ? CompareAll() : AdoptDurablePrefix();
                MarkDurable();
                return problem;
            default:
            {
                var key = Encoding.ASCII.GetBytes($"absent-{_random.Next(100)}");
                Note($"Get({Show(key)})");
                return tree.Get(key) is null ? null : $"Get({Show(key)}) of a key never written returned a value";
            }
        }
    }

    private void Apply(List<(byte[] Key, byte[]? Value)> batch)
    {
        foreach (var (key, value) in batch)
            if (value is null) _model.Remove(key);
            else _model[key] = value;
        _sinceDurable.Add(batch);
    }

    /// <summary>Everything acknowledged so far is in synced tables (a flush, a compaction, or the recovery of an open).</summary>
    private void MarkDurable()
    {
        _durable = _model.ToDictionary(kv => Convert.ToHexString(kv.Key), kv => kv.Value);
        _sinceDurable.Clear();
    }

    /// <summary>After a power cut without fsync: the tree must equal the model after some prefix of the batches written
    /// since the last durable point (each batch all or nothing); the model becomes that state.</summary>
    private string? AdoptDurablePrefix()
    {
        var recovered = _tree!.Scan().ToDictionary(kv => Convert.ToHexString(kv.Key), kv => kv.Value);
        var state = new Dictionary<string, byte[]>(_durable);
        var differing = state.Keys.Union(recovered.Keys).Count(k => !Same(state.GetValueOrDefault(k), recovered.GetValueOrDefault(k)));
        var kept = 0;
        for (; differing > 0 && kept < _sinceDurable.Count; kept++)
        {
            foreach (var (key, value) in _sinceDurable[kept])
            {
                var k = Convert.ToHexString(key);
                var before = Same(state.GetValueOrDefault(k), recovered.GetValueOrDefault(k));
                if (value is null) state.Remove(k); else state[k] = value;
                var after = Same(state.GetValueOrDefault(k), recovered.GetValueOrDefault(k));
                differing += (before ? 1 : 0) - (after ? 1 : 0);
            }
        }
        if (differing > 0) return $"after the power cut the tree holds a state ({recovered.Count} keys) that no prefix of the {_sinceDurable.Count} batches written since the last durable point produces";
        _model.Clear();
        foreach (var (k, v) in recovered) _model[Convert.FromHexString(k)] = v;
        Note($"power cut kept {kept} of {_sinceDurable.Count} unsynced batches");
        return null;
    }

    private string? CompareAll()
    {
        var tree = _tree!;
        if (CompareScan([.. _model], tree.Scan().ToList()) is { } problem) return $"full scan: {problem}";
        foreach (var (key, value) in _model)
            if (!Same(value, tree.Get(key))) return $"Get({Show(key)}) returned {Describe(tree.Get(key))}, the model holds {value.Length} bytes";
        return null;
    }

    private static string? CompareScan(List<KeyValuePair<byte[], byte[]>> expected, List<KeyValuePair<byte[], byte[]>> actual)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            if (!expected[i].Key.AsSpan().SequenceEqual(actual[i].Key)) return $"entry {i} has key {Show(actual[i].Key)}, the model {Show(expected[i].Key)}";
            if (!expected[i].Value.AsSpan().SequenceEqual(actual[i].Value)) return $"{Show(actual[i].Key)} has {actual[i].Value.Length} bytes, the model {expected[i].Value.Length}";
        }
        return expected.Count == actual.Count ? null : $"{actual.Count} entries, the model {expected.Count}";
    }

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private static string Describe(byte[]? value) => value is null ? "nothing" : $"{value.Length} bytes";
}
