namespace StatelessMind.Labs.Programming.DataFrames;

/// <summary>A generated data set: the orders and stores as CSV text, and what was planted in it.</summary>
public sealed record MessyDataset(string OrdersCsv, string StoresCsv, PlantedDefects Planted, MessyOrdersSpec Spec);
