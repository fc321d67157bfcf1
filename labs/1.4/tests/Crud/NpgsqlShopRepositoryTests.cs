using StatelessMind.Labs.Relational.Crud;

namespace StatelessMind.Labs.Relational.Tests.Crud;

/// <summary>The shared contract, held by the ADO.NET (Npgsql) repository on a schema made from sql/schema.sql.</summary>
public sealed class NpgsqlShopRepositoryTests(PostgresFixture postgres, ITestOutputHelper output) : ShopRepositoryContract(postgres, output)
{
    protected override async Task<IShopRepository> OpenAsync(string connectionString) => await NpgsqlShopRepository.OpenAsync(connectionString);
}
