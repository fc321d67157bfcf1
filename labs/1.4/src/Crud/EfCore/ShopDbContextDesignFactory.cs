using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace StatelessMind.Labs.Relational.Crud.EfCore;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without a running server
/// (from the repository root: <c>dotnet ef migrations add NAME --project labs/1.4/src --output-dir Crud/EfCore/Migrations</c>).
/// </summary>
internal sealed class ShopDbContextDesignFactory : IDesignTimeDbContextFactory<ShopDbContext>
{
    public ShopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ShopDbContext>().UseNpgsql("Host=127.0.0.1;Database=shop_design").Options);
}
