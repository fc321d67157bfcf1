using StatelessMind.Labs.Lifecycle.Etl;

namespace StatelessMind.Labs.Lifecycle.Tests.Etl;

/// <summary>A hand-made source small enough to check by eye: three customers (one with a billing address read after its shipping one), two departments.</summary>
internal static class SmallSnapshot
{
    public static OperationalSnapshot Create() => new(
        Customers: [(1, "  Ada Lovelace ", "ADA@Example.test", "consumer"), (2, "Bob", "bob@example.test", "corporate"), (3, "Cy", "cy@example.test", "small_business")],
        Addresses: [(1, "shipping", "Avalon"), (1, "billing", "Dunmore"), (2, "shipping", "Eastport")],
        Products: [(10, "SKU-10", "Tea item 10", "Tea", "Grocery", 450), (20, "SKU-20", "Mugs item 20", "Mugs", "Kitchen", 1_299)],
        Stores: [(1, "Store 1", "Avalon", "N"), (2, "Store 2", "Glenrock", "Z")],
        Orders: [(100, 1, 1, new DateTime(2024, 3, 5, 23, 59, 0)), (101, 2, 1, new DateTime(2024, 3, 5, 8, 0, 0)), (102, 3, 1, new DateTime(2024, 3, 6, 0, 0, 1))],
        Lines: [(100, 1, 10, 3, 450), (100, 2, 20, 1, 1_169), (101, 1, 10, 2, 405), (102, 1, 20, 5, 1_299), (999, 1, 10, 1, 450)],
        Regions: [("N", "North", "Atlantis"), ("S", "South", "Atlantis")]);
}
