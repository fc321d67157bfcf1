using Npgsql;
using StackExchange.Redis;
using StatelessMind.Labs.MlOps.FeatureStore;

namespace StatelessMind.Labs.MlOps.Tests.FeatureStore;

/// <summary>A fresh database on the fixture's PostgreSQL and a fresh key prefix on the fixture's Redis, with the stores over them.</summary>
internal sealed class FeatureStoreTestBed : IAsyncDisposable
{
    private FeatureStoreTestBed(NpgsqlDataSource dataSource, ConnectionMultiplexer redis, MlOps.FeatureStore.FeatureStore store)
    {
        DataSource = dataSource;
        Redis = redis;
        Store = store;
    }

    public NpgsqlDataSource DataSource { get; }
    public ConnectionMultiplexer Redis { get; }
    public MlOps.FeatureStore.FeatureStore Store { get; }
    public PostgresOfflineStore Offline => Store.Offline;

    public static async Task<FeatureStoreTestBed> CreateAsync(PostgresFixture postgres, RedisFixture redis, IEnumerable<FeatureView> views, FeatureStoreBug bug = FeatureStoreBug.None)
    {
        var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("features"));
        var multiplexer = await redis.Server.ConnectAsync();
        var offline = new PostgresOfflineStore(dataSource, new FeatureRegistry(views), bug);
        await offline.ApplyAsync(CancellationToken.None);
        var online = new RedisOnlineStore(multiplexer.GetDatabase(), "t" + Guid.NewGuid().ToString("N")[..12]);
        return new FeatureStoreTestBed(dataSource, multiplexer, new MlOps.FeatureStore.FeatureStore(offline, online));
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
