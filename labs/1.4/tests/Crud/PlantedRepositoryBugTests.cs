using StatelessMind.Labs.Relational.Crud;

namespace StatelessMind.Labs.Relational.Tests.Crud;

/// <summary>The contract's all-or-nothing checks against the Npgsql repository built without transactions: they must fail.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PlantedRepositoryBugTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private async Task<(IShopRepository Repository, string ConnectionString, Category Books, Customer Ada)> OpenAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync("planted");
        var repository = await NpgsqlShopRepository.OpenAsync(connectionString, RepositoryBug.NoTransaction);
        return (repository, connectionString, await repository.AddCategoryAsync("Books"), await repository.AddCustomerAsync(new NewCustomer("ada@example.org", "Ada Lovelace")));
    }

    [Fact]
    [Goal("1.4-3")]
    public async Task Planted_bug_a_batch_insert_without_a_transaction_is_caught_leaving_rows()
    {
        var (repository, connectionString, books, _) = await OpenAsync();
        await using var opened = repository;

        var (_, _, problems) = await AllOrNothing.BatchesWithABadLastRowAsync(repository, connectionString, books.Id);

        Assert.NotEmpty(problems);
        output.WriteLine(string.Join("; ", problems));
    }

    [Fact]
    [Goal("1.4-3")]
    public async Task Planted_bug_an_order_without_a_transaction_is_caught_leaving_lines_and_taken_stock()
    {
        var (repository, connectionString, books, ada) = await OpenAsync();
        await using var opened = repository;

        var (_, _, problems) = await AllOrNothing.OrderBeyondTheStockAsync(repository, connectionString, books.Id, ada.Id);

        Assert.Contains(problems, p => p.StartsWith("the refused order left 1 orders and 2 lines behind", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("product B-1 changed: stock 5 → 3", StringComparison.Ordinal));
        output.WriteLine(string.Join("; ", problems));
    }
}
