namespace StatelessMind.Labs.Programming.DataFrames;

/// <summary>How many defects of each kind the generator planted (counted over distinct orders, before duplication).</summary>
public sealed record PlantedDefects(
    int Orders,
    int DuplicateRows,
    int MissingPrices,
    int BadPrices,
    int BadQuantities,
    int Outliers,
    int MisspelledCategories,
    int OrdersOfUnknownStores);
