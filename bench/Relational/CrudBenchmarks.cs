using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using StatelessMind.Harness.Services;
using StatelessMind.Labs.Relational.Crud;

namespace StatelessMind.Bench.Relational;

/// <summary>
/// Lab 1.4-3: one insert, one point read by key and one update through the hand-written Npgsql repository
/// (the baseline) and through the EF Core repository, on an embedded PostgreSQL cluster. Each operation is a
/// full round trip to the server, so the ratio shows what the ORM adds on top of the same SQL work.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[MemoryDiagnoser]
[WarmupCount(3)]
[IterationCount(15)]
public class CrudBenchmarks
{
    private PostgresCluster? _cluster;
    private IShopRepository _npgsql = null!;
    private IShopRepository _efCore = null!;
    private long _npgsqlCategory, _efCategory;
    private Product _npgsqlProduct = null!, _efProduct = null!;
    private int _sku;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        // Commits do not wait for the WAL flush: the figures show the client's and the server's work, not the
        // latency of a shared disk (which would swamp the difference between the two clients).
        _cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions
        {
            Name = "bench-crud",
            Settings = new Dictionary<string, string> { ["synchronous_commit"] = "off" },
        });
        foreach (var db in new[] { "bench_npgsql", "bench_efcore" })
        {
            await using var conn = await _cluster.OpenConnectionAsync();
            await using var cmd = new Npgsql.NpgsqlCommand($"CREATE DATABASE {db}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        _npgsql = await NpgsqlShopRepository.OpenAsync(_cluster.ConnectionStringFor("bench_npgsql"));
        _efCore = await EfCoreShopRepository.OpenAsync(_cluster.ConnectionStringFor("bench_efcore"));
        (_npgsqlCategory, _npgsqlProduct) = await SeedAsync(_npgsql);
        (_efCategory, _efProduct) = await SeedAsync(_efCore);
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _npgsql.DisposeAsync();
        await _efCore.DisposeAsync();
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    [BenchmarkCategory("insert"), Benchmark(Baseline = true)]
    public Task<Product> Insert_Npgsql() => _npgsql.AddProductAsync(NextProduct(_npgsqlCategory));

    [BenchmarkCategory("insert"), Benchmark]
    public Task<Product> Insert_EfCore() => _efCore.AddProductAsync(NextProduct(_efCategory));

    [BenchmarkCategory("read by key"), Benchmark(Baseline = true)]
    public Task<Product?> ReadByKey_Npgsql() => _npgsql.FindProductAsync(_npgsqlProduct.Id);

    [BenchmarkCategory("read by key"), Benchmark]
    public Task<Product?> ReadByKey_EfCore() => _efCore.FindProductAsync(_efProduct.Id);

    [BenchmarkCategory("update"), Benchmark(Baseline = true)]
    public async Task Update_Npgsql() => _npgsqlProduct = await _npgsql.UpdateProductAsync(_npgsqlProduct with { Stock = _npgsqlProduct.Stock ^ 1 });

    [BenchmarkCategory("update"), Benchmark]
    public async Task Update_EfCore() => _efProduct = await _efCore.UpdateProductAsync(_efProduct with { Stock = _efProduct.Stock ^ 1 });

    private NewProduct NextProduct(long category) => new($"BENCH-{Interlocked.Increment(ref _sku):D9}", "Benchmark product", category, 9.99m, 10);

    private static async Task<(long Category, Product Product)> SeedAsync(IShopRepository repository)
    {
        var category = await repository.AddCategoryAsync("Bench");
        var product = await repository.AddProductAsync(new NewProduct("SEED-1", "Seed product", category.Id, 5m, 100));
        return (category.Id, product);
    }
}
