using BenchmarkDotNet.Attributes;
using StatelessMind.Labs.Storage.BTree;

namespace StatelessMind.Bench.Storage;

/// <summary>
/// 1.1.4-1: inserting 100,000 random 64-bit keys into an empty SortedDictionary (the baseline), SortedList
/// (whose random inserts shift half its arrays each time) and the C B-tree (a fresh file, every page cached;
/// the final sync is not timed). The mean is per insert.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 10, invocationCount: 1)]
public class BTreeInsertBenchmarks
{
    public const int Entries = 100_000;

    private ulong[] _keys = [];
    private string _directory = "";
    private NativeBTree? _tree;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(701);
        _keys = Enumerable.Range(0, Entries).Select(_ => (ulong)random.NextInt64()).ToArray();
        _directory = StorageEngines.FreshDirectory("btree-insert");
    }

    [IterationSetup(Target = nameof(BTreeInsert))]
    public void OpenTree()
    {
        var path = Path.Combine(_directory, "tree.db");
        File.Delete(path);
        _tree = NativeBTree.Open(path, pageSize: 4096, cachePages: 4096);
    }

    [IterationCleanup(Target = nameof(BTreeInsert))]
    public void CloseTree()
    {
        _tree?.Dispose();
        _tree = null;
    }

    [GlobalCleanup]
    public void Cleanup() => StorageEngines.Remove(_directory);

    [Benchmark(Baseline = true, OperationsPerInvoke = Entries)]
    public int SortedDictionaryInsert()
    {
        var d = new SortedDictionary<ulong, ulong>();
        foreach (var k in _keys) d[k] = k;
        return d.Count;
    }

    [Benchmark(OperationsPerInvoke = Entries)]
    public int SortedListInsert()
    {
        var l = new SortedList<ulong, ulong>();
        foreach (var k in _keys) l[k] = k;
        return l.Count;
    }

    [Benchmark(OperationsPerInvoke = Entries)]
    public int BTreeInsert()
    {
        foreach (var k in _keys) _tree!.Put(k, k);
        return (int)_tree!.Stats().Count;
    }
}
