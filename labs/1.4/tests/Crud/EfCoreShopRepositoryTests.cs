using StatelessMind.Labs.Relational.Crud;

namespace StatelessMind.Labs.Relational.Tests.Crud;

/// <summary>The shared contract, held by the EF Core repository on a schema made by its migration.</summary>
public sealed class EfCoreShopRepositoryTests(PostgresFixture postgres, ITestOutputHelper output) : ShopRepositoryContract(postgres, output)
{
    protected override async Task<IShopRepository> OpenAsync(string connectionString) => await EfCoreShopRepository.OpenAsync(connectionString);
}
