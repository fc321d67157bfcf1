using Npgsql;

namespace StatelessMind.Labs.Relational.Crud;

/// <summary>
/// Turns the server's constraint errors into the shop's domain errors, by constraint name (the names are
/// fixed in sql/schema.sql and in the EF Core model). Both repositories use it, so they fail alike.
/// </summary>
internal static class ConstraintViolations
{
    private static readonly Dictionary<string, Func<PostgresException, ShopException>> ByConstraint = new(StringComparer.Ordinal)
    {
        ["uq_category_name"] = e => new DuplicateValueException("category", "name", e),
        ["uq_customer_email"] = e => new DuplicateValueException("customer", "e-mail", e),
        ["uq_product_sku"] = e => new DuplicateValueException("product", "SKU", e),
        ["uq_order_line_product"] = e => new DuplicateValueException("order line", "product", e),
        ["fk_product_category"] = e => new MissingReferenceException("product", "category", e),
        ["fk_purchase_order_customer"] = e => new MissingReferenceException("order", "customer", e),
        ["fk_order_line_product"] = e => new MissingReferenceException("order line", "product", e),
        ["ck_customer_email"] = e => new RuleViolationException("customer", "an e-mail address has a name before its @", e),
        ["ck_product_price"] = e => new RuleViolationException("product", "the unit price is greater than zero", e),
        ["ck_product_stock"] = e => new RuleViolationException("product", "the stock is never negative", e),
        ["ck_order_line_quantity"] = e => new RuleViolationException("order line", "the quantity is at least one", e),
        ["ck_order_line_price"] = e => new RuleViolationException("order line", "the unit price is not negative", e),
    };

    /// <summary>The server error behind an exception from Npgsql or EF Core (which wraps it in DbUpdateException), if any.</summary>
    public static PostgresException? Find(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is PostgresException pg) return pg;
        return null;
    }

    /// <summary>The domain error for a constraint violation; null when the error is not one the shop knows (rethrow it).</summary>
    public static ShopException? Translate(Exception e)
    {
        #region Exercise 1.4-3a: map a violated constraint, by its name, to the shop's typed error (tests: NpgsqlShopRepositoryTests.A_constraint*, EfCoreShopRepositoryTests.A_constraint*, NpgsqlShopRepositoryTests.Customers*, EfCoreShopRepositoryTests.Customers*)
        return Find(e) is { ConstraintName: { } name } pg && ByConstraint.TryGetValue(name, out var make) ? make(pg) : null;
        #endregion
    }

    /// <summary>A delete refused by a foreign key (SQLSTATE 23503): other rows still point at the row.</summary>
    public static PostgresException? FindForeignKeyViolation(Exception e) =>
        Find(e) is { SqlState: PostgresErrorCodes.ForeignKeyViolation } pg ? pg : null;
}
