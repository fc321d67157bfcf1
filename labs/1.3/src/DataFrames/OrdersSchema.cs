namespace StatelessMind.Labs.Programming.DataFrames;

/// <summary>
/// The two tables of 1.3-1: orders (<c>order_id,store_id,category,quantity,unit_price</c>) and stores
/// (<c>store_id,region</c>), with the canonical spelling of each category and the aliases the cleaner accepts.
/// </summary>
public static class OrdersSchema
{
    public const string OrderId = "order_id";
    public const string StoreId = "store_id";
    public const string Category = "category";
    public const string Quantity = "quantity";
    public const string UnitPrice = "unit_price";
    public const string Region = "region";
    public const string Revenue = "revenue";

    /// <summary>The region given to orders whose store is not in the stores table (a left join keeps them).</summary>
    public const string NoStore = "(no store)";

    public static IReadOnlyList<string> OrderColumns { get; } = [OrderId, StoreId, Category, Quantity, UnitPrice];
    public static IReadOnlyList<string> StoreColumns { get; } = [StoreId, Region];

    public static IReadOnlyList<string> Categories { get; } = ["electronics", "grocery", "clothing", "toys", "garden"];

    /// <summary>Other spellings met in the raw data, already trimmed and lower-cased, mapped to the canonical name.</summary>
    public static IReadOnlyDictionary<string, string> CategoryAliases { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["electronic"] = "electronics",
        ["elec"] = "electronics",
        ["groceries"] = "grocery",
        ["clothes"] = "clothing",
        ["toy"] = "toys",
        ["gardening"] = "garden",
    };
}
