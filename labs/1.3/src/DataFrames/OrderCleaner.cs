using System.Globalization;
using Microsoft.Data.Analysis;

namespace StatelessMind.Labs.Programming.DataFrames;

/// <summary>
/// Cleans raw orders (string columns from <see cref="CsvFrameLoader"/>) in Pandas' manner on Microsoft.Data.Analysis:
/// drop exact duplicate rows (<c>drop_duplicates</c>, first kept), parse typed columns with failures as nulls
/// (<c>to_numeric(errors="coerce")</c>) and drop rows whose ids or quantity cannot be read, normalise category spelling,
/// drop quantity outliers beyond Tukey's far-out fence (Q3 + 3·IQR), impute missing prices with the mean known price of
/// their category (<c>groupby().transform("mean")</c> + <c>fillna</c>), and add revenue = quantity × unit_price.
/// </summary>
public sealed class OrderCleaner(CleaningBug bug = CleaningBug.None)
{
    public CleanedOrders Clean(DataFrame raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        RequireColumns(raw, OrdersSchema.OrderColumns);
        var rowsIn = (int)raw.Rows.Count;

        var deduplicated = DropDuplicateRows(raw, out var duplicates);
        var parsed = ParseTypes(deduplicated);
        var (categories, respelled) = NormaliseCategories((StringDataFrameColumn)parsed.Frame[OrdersSchema.Category]);
        parsed.Frame[OrdersSchema.Category] = categories;
        var known = parsed.Frame.Filter(categories.ElementwiseIsNotNull());
        var unknownCategories = (int)(parsed.Frame.Rows.Count - known.Rows.Count);
        var withoutOutliers = DropQuantityOutliers(known, out var outliers);
        var imputed = ImputePrices(withoutOutliers, out var pricesImputed);

        var quantity = (PrimitiveDataFrameColumn<int>)imputed[OrdersSchema.Quantity];
        var price = (PrimitiveDataFrameColumn<double>)imputed[OrdersSchema.UnitPrice];
        var revenue = new PrimitiveDataFrameColumn<double>(OrdersSchema.Revenue, imputed.Rows.Count);
        for (long i = 0; i < revenue.Length; i++) revenue[i] = quantity[i]!.Value * price[i]!.Value;
        imputed.Columns.Add(revenue);

        var report = new CleaningReport(rowsIn, duplicates, parsed.RowsDropped, unknownCategories, outliers, respelled, pricesImputed, (int)imputed.Rows.Count);
        if (!report.Balances) throw new InvalidOperationException($"cleaning lost rows: {report}");
        return new CleanedOrders(imputed, report);
    }

    /// <summary>Throws <see cref="DatasetFormatException"/> naming the first required column the frame lacks.</summary>
    public static void RequireColumns(DataFrame frame, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(columns);
        var present = frame.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var column in columns)
            if (!present.Contains(column))
                throw new DatasetFormatException("data frame", 0, column, $"required column is missing (columns: {string.Join(",", present)})");
    }

    /// <summary>Keeps the first of each group of rows equal in every column (nulls equal to nulls).</summary>
    internal static DataFrame DropDuplicateRows(DataFrame frame, out int dropped)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var keep = new PrimitiveDataFrameColumn<bool>("keep", frame.Rows.Count);
        dropped = 0;
        for (long i = 0; i < frame.Rows.Count; i++)
        {
            // \u001F (unit separator) cannot occur in the fields; \u0000 marks a null.
            var key = string.Join('\u001F', frame.Columns.Select(c => c[i]?.ToString() ?? "\u0000"));
            var first = seen.Add(key);
            keep[i] = first;
            if (!first) dropped++;
        }
        return frame.Filter(keep);
    }

    /// <summary>
    /// String columns → typed columns. A field that is missing or does not parse (invariant culture) becomes null.
    /// Rows with a null order_id, store_id or quantity are dropped (nothing sensible can be imputed for them); null prices
    /// stay for <see cref="ImputePrices"/>. Counts the price fields that were present but unparsable.
    /// </summary>
    internal static ParsedOrders ParseTypes(DataFrame raw)
    {
        #region Exercise 1.3-1a: parse the raw text into typed columns (nulls where a field does not parse) and drop rows without ids or quantity (tests: ParseTypesTests, CleaningPipelineTests, DataFramesVectorizationExperimentTests)
        var text = (string name) => (StringDataFrameColumn)raw[name];
        var length = raw.Rows.Count;
        var orderId = new PrimitiveDataFrameColumn<long>(OrdersSchema.OrderId, length);
        var storeId = new PrimitiveDataFrameColumn<long>(OrdersSchema.StoreId, length);
        var quantity = new PrimitiveDataFrameColumn<int>(OrdersSchema.Quantity, length);
        var price = new PrimitiveDataFrameColumn<double>(OrdersSchema.UnitPrice, length);
        var category = new StringDataFrameColumn(OrdersSchema.Category, length);
        var usable = new PrimitiveDataFrameColumn<bool>("usable", length);
        var unparsablePrices = 0;
        for (long i = 0; i < length; i++)
        {
            orderId[i] = long.TryParse(text(OrdersSchema.OrderId)[i], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
            storeId[i] = long.TryParse(text(OrdersSchema.StoreId)[i], NumberStyles.None, CultureInfo.InvariantCulture, out var store) ? store : null;
            quantity[i] = int.TryParse(text(OrdersSchema.Quantity)[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var q) ? q : null;
            var priceText = text(OrdersSchema.UnitPrice)[i];
            if (double.TryParse(priceText, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) && double.IsFinite(p))
                price[i] = p;
            else if (priceText is not null)
                unparsablePrices++;
            category[i] = text(OrdersSchema.Category)[i];
            usable[i] = orderId[i] is not null && storeId[i] is not null && quantity[i] is not null;
        }
        var typed = new DataFrame(orderId, storeId, category, quantity, price);
        var kept = typed.Filter(usable);
        return new ParsedOrders(kept, (int)(length - kept.Rows.Count), unparsablePrices);
        #endregion
    }

    /// <summary>
    /// Trims, lower-cases and maps aliases to the canonical category names; a value that is none of them becomes null.
    /// Returns the new column and how many values changed spelling.
    /// </summary>
    internal static (StringDataFrameColumn Column, int Respelled) NormaliseCategories(StringDataFrameColumn categories)
    {
        #region Exercise 1.3-1b: normalise category spelling: trim, lower-case, map aliases; anything else becomes null (tests: CategoryNormalisationTests, CleaningPipelineTests, DataFramesVectorizationExperimentTests)
        var canonical = OrdersSchema.Categories.ToHashSet(StringComparer.Ordinal);
        var result = new StringDataFrameColumn(categories.Name, categories.Length);
        var respelled = 0;
        for (long i = 0; i < categories.Length; i++)
        {
            var original = categories[i];
            var folded = original?.Trim().ToLowerInvariant();
            var name = folded is null ? null
                : canonical.Contains(folded) ? folded
                : OrdersSchema.CategoryAliases.TryGetValue(folded, out var alias) ? alias
                : null;
            result[i] = name;
            if (name is not null && !string.Equals(name, original, StringComparison.Ordinal)) respelled++;
        }
        return (result, respelled);
        #endregion
    }

    /// <summary>Drops rows whose quantity lies beyond Q3 + 3·IQR or below Q1 − 3·IQR (quartiles by linear interpolation).</summary>
    internal static DataFrame DropQuantityOutliers(DataFrame frame, out int dropped)
    {
        var quantity = (PrimitiveDataFrameColumn<int>)frame[OrdersSchema.Quantity];
        var sorted = Enumerable.Range(0, (int)quantity.Length).Select(i => (double)quantity[i]!.Value).Order().ToArray();
        var (low, high) = TukeyFences(sorted, 3.0);
        var keep = new PrimitiveDataFrameColumn<bool>("keep", quantity.Length);
        for (long i = 0; i < quantity.Length; i++) keep[i] = quantity[i]!.Value >= low && quantity[i]!.Value <= high;
        var kept = frame.Filter(keep);
        dropped = (int)(frame.Rows.Count - kept.Rows.Count);
        return kept;
    }

    /// <summary>Tukey's fences Q1 − k·IQR and Q3 + k·IQR of sorted values; (−∞, ∞) when there are none.</summary>
    public static (double Low, double High) TukeyFences(IReadOnlyList<double> sorted, double k)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) return (double.NegativeInfinity, double.PositiveInfinity);
        var q1 = Quantile(sorted, 0.25);
        var q3 = Quantile(sorted, 0.75);
        return (q1 - k * (q3 - q1), q3 + k * (q3 - q1));
    }

    private static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>
    /// Fills each null price with the mean of the known prices of the same category (a category with no known price
    /// has nothing to impute from: its rows keep a null and the pipeline reports it as an error).
    /// </summary>
    internal DataFrame ImputePrices(DataFrame frame, out int imputed)
    {
        var means = CategoryMeans(frame);
        var category = (StringDataFrameColumn)frame[OrdersSchema.Category];
        var price = (PrimitiveDataFrameColumn<double>)frame[OrdersSchema.UnitPrice];
        var filled = new PrimitiveDataFrameColumn<double>(OrdersSchema.UnitPrice, price.Length);
        imputed = 0;
        for (long i = 0; i < price.Length; i++)
        {
            if (price[i] is { } known) { filled[i] = known; continue; }
            filled[i] = means.TryGetValue(category[i]!, out var mean)
                ? mean
                : throw new DatasetFormatException("orders", 0, OrdersSchema.UnitPrice, $"category '{category[i]}' has no known price to impute from");
            imputed++;
        }
        var result = frame.Clone();
        result[OrdersSchema.UnitPrice] = filled;
        return result;
    }

    /// <summary>Mean of the known (non-null) prices per category.</summary>
    internal Dictionary<string, double> CategoryMeans(DataFrame frame)
    {
        var category = (StringDataFrameColumn)frame[OrdersSchema.Category];
        var price = (PrimitiveDataFrameColumn<double>)frame[OrdersSchema.UnitPrice];
        var sums = new Dictionary<string, (double Sum, long Known, long Rows)>(StringComparer.Ordinal);
        #region Exercise 1.3-1c: per category, sum and count the known prices (a missing price must not count) (tests: PriceImputationTests, CleaningPipelineTests, DataFramesVectorizationExperimentTests)
        for (long i = 0; i < price.Length; i++)
        {
            var key = category[i]!;
            var (sum, known, rows) = sums.GetValueOrDefault(key);
            sums[key] = price[i] is { } p ? (sum + p, known + 1, rows + 1) : (sum, known, rows + 1);
        }
        #endregion
        return sums.Where(s => s.Value.Known > 0).ToDictionary(
            s => s.Key,
            s => s.Value.Sum / (bug == CleaningBug.MeanCountsMissingAsZero ? s.Value.Rows : s.Value.Known),
            StringComparer.Ordinal);
    }
}
