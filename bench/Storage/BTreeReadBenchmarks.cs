using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using StatelessMind.Labs.Storage.BTree;

namespace StatelessMind.Bench.Storage;

/// <summary>
/// 1.1.4-1: the C B-tree (4 KiB pages, every page in its cache) against SortedDictionary (the baseline, a
/// red-black tree) and SortedList (two sorted arrays) over 1,000,000 random 64-bit keys: 100,000 random point
/// lookups of present keys, and a full in-order scan summing every value. Means are per lookup / per entry.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 10)]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class BTreeReadBenchmarks
{
    public const int Entries = 1_000_000;
    public const int Lookups = 100_000;

    private readonly SortedDictionary<ulong, ulong> _dictionary = [];
    private SortedList<ulong, ulong> _list = null!;
    private NativeBTree _tree = null!;
    private string _directory = "";
    private ulong[] _probes = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(601);
        var keys = new HashSet<ulong>();
        while (keys.Count < Entries) keys.Add((ulong)random.NextInt64());
        _directory = StorageEngines.FreshDirectory("btree-read");
        _tree = NativeBTree.Open(Path.Combine(_directory, "tree.db"), pageSize: 4096, cachePages: 16384);
        foreach (var k in keys)
        {
            _dictionary[k] = k ^ 0x5555;
            _tree.Put(k, k ^ 0x5555);
        }
        _list = new SortedList<ulong, ulong>(_dictionary);
        var all = keys.ToArray();
        _probes = Enumerable.Range(0, Lookups).Select(_ => all[random.Next(all.Length)]).ToArray();
        if (_tree.CheckInvariants() is { } problem) throw new InvalidOperationException(problem);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tree.Dispose();
        StorageEngines.Remove(_directory);
    }

    [BenchmarkCategory("lookup"), Benchmark(Baseline = true, OperationsPerInvoke = Lookups)]
    public ulong SortedDictionaryLookup()
    {
        ulong sum = 0;
        foreach (var k in _probes) sum += _dictionary[k];
        return sum;
    }

    [BenchmarkCategory("lookup"), Benchmark(OperationsPerInvoke = Lookups)]
    public ulong SortedListLookup()
    {
        ulong sum = 0;
        foreach (var k in _probes) sum += _list[k];
        return sum;
    }

    [BenchmarkCategory("lookup"), Benchmark(OperationsPerInvoke = Lookups)]
    public ulong BTreeLookup()
    {
        ulong sum = 0;
        foreach (var k in _probes)
        {
            _tree.TryGet(k, out var v);
            sum += v;
        }
        return sum;
    }

    [BenchmarkCategory("scan"), Benchmark(Baseline = true, OperationsPerInvoke = Entries)]
    public ulong SortedDictionaryScan()
    {
        ulong sum = 0;
        foreach (var (_, v) in _dictionary) sum += v;
        return sum;
    }

    [BenchmarkCategory("scan"), Benchmark(OperationsPerInvoke = Entries)]
    public ulong SortedListScan()
    {
        ulong sum = 0;
        foreach (var v in _list.Values) sum += v;
        return sum;
    }

    [BenchmarkCategory("scan"), Benchmark(OperationsPerInvoke = Entries)]
    public ulong BTreeScan() => _tree.ScanSum(0, null).Sum;
}
