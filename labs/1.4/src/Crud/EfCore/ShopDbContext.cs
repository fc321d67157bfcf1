using System.Text;
using Microsoft.EntityFrameworkCore;

namespace StatelessMind.Labs.Relational.Crud.EfCore;

/// <summary>
/// The EF Core model of sql/schema.sql, name for name: tables, snake_case columns, keys, unique constraints
/// (alternate keys), foreign keys with their ON DELETE rule, checks and indexes. Its migration
/// (Migrations/) builds that schema, and a test compares the two catalogs.
/// </summary>
internal sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
{
    public DbSet<CategoryRow> Categories => Set<CategoryRow>();
    public DbSet<CustomerRow> Customers => Set<CustomerRow>();
    public DbSet<ProductRow> Products => Set<ProductRow>();
    public DbSet<OrderRow> Orders => Set<OrderRow>();
    public DbSet<OrderLineRow> OrderLines => Set<OrderLineRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.UseIdentityAlwaysColumns();

        #region Exercise 1.4-3d: map the 3NF schema, keys, unique and foreign keys and checks, under the names sql/schema.sql uses (tests: MigrationTests.The_migration_builds*, EfCoreShopRepositoryTests)
        modelBuilder.Entity<CategoryRow>(e =>
        {
            e.ToTable("category");
            e.HasKey(c => c.CategoryId).HasName("pk_category");
            e.HasAlternateKey(c => c.Name).HasName("uq_category_name");
            e.Property(c => c.Name).HasMaxLength(100);
        });

        modelBuilder.Entity<CustomerRow>(e =>
        {
            e.ToTable("customer", t => t.HasCheckConstraint("ck_customer_email", "position('@' IN email) > 1"));
            e.HasKey(c => c.CustomerId).HasName("pk_customer");
            e.HasAlternateKey(c => c.Email).HasName("uq_customer_email");
            e.Property(c => c.Email).HasMaxLength(254);
            e.Property(c => c.FullName).HasMaxLength(200);
            e.Property(c => c.CreatedAt).HasDefaultValueSql("now()");
        });

        modelBuilder.Entity<ProductRow>(e =>
        {
            e.ToTable("product", t =>
            {
                t.HasCheckConstraint("ck_product_price", "unit_price > 0");
                t.HasCheckConstraint("ck_product_stock", "stock >= 0");
            });
            e.HasKey(p => p.ProductId).HasName("pk_product");
            e.HasAlternateKey(p => p.Sku).HasName("uq_product_sku");
            e.Property(p => p.Sku).HasMaxLength(32);
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.UnitPrice).HasPrecision(10, 2);
            e.Property(p => p.Version).IsRowVersion(); // uint + row version: Npgsql maps it to xmin
            e.HasOne<CategoryRow>().WithMany().HasForeignKey(p => p.CategoryId)
                .HasConstraintName("fk_product_category").OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(p => p.CategoryId).HasDatabaseName("ix_product_category");
        });

        modelBuilder.Entity<OrderRow>(e =>
        {
            e.ToTable("purchase_order");
            e.HasKey(o => o.OrderId).HasName("pk_purchase_order");
            e.Property(o => o.PlacedAt).HasDefaultValueSql("now()");
            e.HasOne<CustomerRow>().WithMany().HasForeignKey(o => o.CustomerId)
                .HasConstraintName("fk_purchase_order_customer").OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(o => o.CustomerId).HasDatabaseName("ix_purchase_order_customer");
            e.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId)
                .HasConstraintName("fk_order_line_order").OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<OrderLineRow>(e =>
        {
            e.ToTable("order_line", t =>
            {
                t.HasCheckConstraint("ck_order_line_quantity", "quantity > 0");
                t.HasCheckConstraint("ck_order_line_price", "unit_price >= 0");
            });
            e.HasKey(l => new { l.OrderId, l.LineNo }).HasName("pk_order_line");
            e.HasAlternateKey(l => new { l.OrderId, l.ProductId }).HasName("uq_order_line_product");
            e.Property(l => l.UnitPrice).HasPrecision(10, 2);
            e.HasOne<ProductRow>().WithMany().HasForeignKey(l => l.ProductId)
                .HasConstraintName("fk_order_line_product").OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(l => l.ProductId).HasDatabaseName("ix_order_line_product");
        });
        #endregion

        // Column names are the properties' names in snake_case (CategoryId -> category_id), as in sql/schema.sql.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
            if (!property.IsConcurrencyToken) property.SetColumnName(SnakeCase(property.Name));
    }

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
