namespace StatelessMind.Labs.Programming.DataFrames;

/// <summary>
/// The law of the generated orders: <see cref="Rows"/> distinct orders drawn with <see cref="Seed"/>, then defects at
/// the stated rates. Quantity defects are exclusive (a quantity is fine, missing/unparsable, or an outlier); price
/// defects are independent of them. <see cref="UnknownStores"/> store ids appear in orders but not in the stores table.
/// </summary>
public sealed record MessyOrdersSpec(
    int Rows,
    int Seed,
    double MissingPriceRate = 0.05,
    double BadPriceRate = 0.02,
    double BadQuantityRate = 0.02,
    double OutlierRate = 0.005,
    double DuplicateRate = 0.03,
    double MisspelledCategoryRate = 0.3,
    int Stores = 10,
    int UnknownStores = 2);
