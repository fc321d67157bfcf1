using Microsoft.Data.Analysis;

namespace StatelessMind.Labs.Programming.DataFrames;

/// <summary>
/// The analysis half: a left join of the clean orders to the stores table (orders of unknown stores keep region
/// <see cref="OrdersSchema.NoStore"/>), then group-bys with aggregates — revenue and order count per region, and
/// revenue, quantity and mean price per category.
/// </summary>
public sealed class OrderAnalysis(CleaningBug bug = CleaningBug.None)
{
    /// <summary>Types the raw stores table (store_id: long, region: trimmed, lower-case) and checks store ids are unique.</summary>
    public static DataFrame TypeStores(DataFrame raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        OrderCleaner.RequireColumns(raw, OrdersSchema.StoreColumns);
        var ids = (StringDataFrameColumn)raw[OrdersSchema.StoreId];
        var names = (StringDataFrameColumn)raw[OrdersSchema.Region];
        var storeId = new PrimitiveDataFrameColumn<long>(OrdersSchema.StoreId, raw.Rows.Count);
        var region = new StringDataFrameColumn(OrdersSchema.Region, raw.Rows.Count);
        var seen = new HashSet<long>();
        for (long i = 0; i < raw.Rows.Count; i++)
        {
            if (!long.TryParse(ids[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                throw new DatasetFormatException("stores", i + 2, OrdersSchema.StoreId, $"'{ids[i]}' is not a store id");
            if (!seen.Add(id))
                throw new DatasetFormatException("stores", i + 2, OrdersSchema.StoreId, $"store {id} appears twice: a join would duplicate its orders");
            storeId[i] = id;
            region[i] = names[i]?.Trim().ToLowerInvariant() ?? OrdersSchema.NoStore;
        }
        return new DataFrame(storeId, region);
    }

    /// <summary>Left join on store_id: one output row per order, region <see cref="OrdersSchema.NoStore"/> where no store matches.</summary>
    public DataFrame JoinStores(DataFrame orders, DataFrame stores)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(stores);
        var algorithm = bug == CleaningBug.JoinDropsUnmatchedKeys ? JoinAlgorithm.Inner : JoinAlgorithm.Left;
        var joined = orders.Merge<long>(stores, OrdersSchema.StoreId, OrdersSchema.StoreId, "", "_store", algorithm);
        var region = (StringDataFrameColumn)joined[OrdersSchema.Region];
        for (long i = 0; i < region.Length; i++) region[i] ??= OrdersSchema.NoStore;
        joined.Columns.Remove(OrdersSchema.StoreId + "_store");
        return joined;
    }

    /// <summary>Revenue (sum) and orders (count) per region, sorted by region.</summary>
    public static DataFrame RevenueByRegion(DataFrame joined)
    {
        ArgumentNullException.ThrowIfNull(joined);
        #region Exercise 1.3-1d: group the joined orders by region: total revenue and number of orders, sorted by region (tests: JoinAndGroupByTests.Revenue*, CleaningPipelineTests.The_clean*, DataFramesVectorizationExperimentTests)
        var revenue = joined.GroupBy<string>(OrdersSchema.Region).Sum(OrdersSchema.Revenue);
        var orders = joined.GroupBy<string>(OrdersSchema.Region).Count(OrdersSchema.OrderId);
        var result = revenue.Merge<string>(orders, OrdersSchema.Region, OrdersSchema.Region, "", "_count", JoinAlgorithm.Inner);
        result.Columns.Remove(OrdersSchema.Region + "_count");
        result.Columns[OrdersSchema.OrderId].SetName("orders");
        return result.OrderBy(OrdersSchema.Region);
        #endregion
    }

    /// <summary>Revenue and quantity (sums) and mean unit price per category, sorted by category.</summary>
    public static DataFrame ByCategory(DataFrame orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var sums = orders.GroupBy<string>(OrdersSchema.Category).Sum(OrdersSchema.Revenue, OrdersSchema.Quantity);
        var means = orders.GroupBy<string>(OrdersSchema.Category).Mean(OrdersSchema.UnitPrice);
        var result = sums.Merge<string>(means, OrdersSchema.Category, OrdersSchema.Category, "", "_mean", JoinAlgorithm.Inner);
        result.Columns.Remove(OrdersSchema.Category + "_mean");
        result.Columns[OrdersSchema.UnitPrice].SetName("mean_unit_price");
        return result.OrderBy(OrdersSchema.Category);
    }
}
