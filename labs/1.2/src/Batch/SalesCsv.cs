namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>The sales CSV's layout.</summary>
public static class SalesCsv
{
    public static readonly string[] Columns = ["event_id", "customer_id", "event_time", "product", "quantity", "unit_price", "currency", "country"];

    public static string Header => string.Join(',', Columns);
}
