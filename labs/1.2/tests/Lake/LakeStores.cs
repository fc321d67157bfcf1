using StatelessMind.Labs.Lifecycle.Lake.Data;
using StatelessMind.Labs.Lifecycle.Lake.Delta;
using StatelessMind.Labs.Lifecycle.Lake.Pipeline;
using StatelessMind.Labs.Lifecycle.Lake.Storage;

namespace StatelessMind.Labs.Lifecycle.Tests.Lake;

/// <summary>Stores and small tables for the lake tests: a fresh local folder, or a fresh prefix in the shared S3 server's bucket.</summary>
internal static class LakeStores
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var root = Directory.CreateTempSubdirectory("sm-lake-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => HostCommands.DeleteDirectory(root);
        return root;
    });

    /// <summary>A fresh folder under one per-process root that is removed when the test process exits.</summary>
    public static string NewFolder() => Directory.CreateDirectory(Path.Combine(Root.Value, Guid.NewGuid().ToString("N"))).FullName;

    public static IObjectStore Open(string kind, S3Fixture s3, int listPageSize = 1000) => kind switch
    {
        "local" => new LocalDirectoryStore(NewFolder()),
        "s3" => new S3ObjectStore(s3.Server.Endpoint, $"tests/{Guid.NewGuid():N}", listPageSize: listPageSize),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "local or s3"),
    };

    public static TableMetadata Metadata() => new() { Id = Guid.NewGuid().ToString(), Name = "sales", SchemaString = SalesSchema.SparkJson, PartitionColumns = ["day"] };

    /// <summary>A table at version 0 (created), no files yet.</summary>
    public static async Task<DeltaTable> CreateTableAsync(IObjectStore store, DeltaBug bug = DeltaBug.None)
    {
        var table = new DeltaTable(store, "lakehouse/sales", bug);
        await table.CreateAsync(Metadata());
        return table;
    }

    /// <summary>Writes the rows of one day as one file and returns its add action (not committed).</summary>
    public static async Task<DeltaAction> AddAsync(DeltaTable table, IReadOnlyList<SaleRecord> rows) =>
        DeltaAction.Of(await table.WriteDataFileAsync(rows[0].Day, rows));

    public static DeltaAction Remove(AddFile file) =>
        DeltaAction.Of(new RemoveFile { Path = file.Path, DeletionTimestamp = 1, DataChange = true, PartitionValues = file.PartitionValues, Size = file.Size });

    /// <summary>Rows of one day, ids from <paramref name="firstId"/>.</summary>
    public static IReadOnlyList<SaleRecord> Day(int dayOffset, int count, long firstId) =>
        Enumerable.Range(0, count).Select(i => new SaleRecord(firstId + i, 1 + i % 50, SalesDataset.FirstDay.AddDays(dayOffset), "latte", 1 + i % 9, 250L * (1 + i % 9))).ToList();
}
