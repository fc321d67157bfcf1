namespace StatelessMind.Labs.Storage.Olap;

/// <summary>
/// A small star schema (Kimball): one fact table of sales and four dimensions. The same DDL and the same
/// queries run on PostgreSQL and DuckDB; the rows come from <see cref="StarDataGenerator"/>, so both engines
/// hold exactly the same data. Amounts are integer cents, so every aggregate is exact in both.
/// </summary>
public static class StarSchema
{
    public static readonly string[] CreateTables =
    [
        "CREATE TABLE dim_date (date_key INTEGER PRIMARY KEY, year INTEGER NOT NULL, quarter INTEGER NOT NULL, month INTEGER NOT NULL, day_of_week INTEGER NOT NULL)",
        "CREATE TABLE dim_customer (customer_id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, segment VARCHAR NOT NULL, region VARCHAR NOT NULL)",
        "CREATE TABLE dim_product (product_id INTEGER PRIMARY KEY, category VARCHAR NOT NULL, brand VARCHAR NOT NULL, price_cents INTEGER NOT NULL)",
        "CREATE TABLE dim_store (store_id INTEGER PRIMARY KEY, city VARCHAR NOT NULL, region VARCHAR NOT NULL)",
        "CREATE TABLE fact_sales (sale_id BIGINT PRIMARY KEY, date_key INTEGER NOT NULL, customer_id INTEGER NOT NULL, product_id INTEGER NOT NULL, " +
        "store_id INTEGER NOT NULL, quantity INTEGER NOT NULL, amount_cents BIGINT NOT NULL)",
    ];

    // ---- OLTP: point reads, single-row updates, short transactions (parameters $1, $2 … in both engines)

    public const string PointRead =
        "SELECT f.sale_id, f.quantity, f.amount_cents, c.name, p.category FROM fact_sales f " +
        "JOIN dim_customer c ON c.customer_id = f.customer_id JOIN dim_product p ON p.product_id = f.product_id WHERE f.sale_id = $1";

    public const string UpdateSale = "UPDATE fact_sales SET quantity = quantity + 1, amount_cents = amount_cents + $2 WHERE sale_id = $1";

    public const string ProductPrice = "SELECT price_cents FROM dim_product WHERE product_id = $1";

    public const string InsertSale = "INSERT INTO fact_sales VALUES ($1, $2, $3, $4, $5, $6, $7)";

    // ---- OLAP: scans with joins and aggregations over the whole fact table

    public static readonly IReadOnlyList<(string Name, string Sql)> AnalyticQueries =
    [
        ("revenue by year and region",
            "SELECT d.year, s.region, sum(f.amount_cents) AS revenue, count(*) AS sales FROM fact_sales f " +
            "JOIN dim_date d ON d.date_key = f.date_key JOIN dim_store s ON s.store_id = f.store_id GROUP BY d.year, s.region ORDER BY d.year, s.region"),
        ("top 10 categories of 2023",
            "SELECT p.category, sum(f.amount_cents) AS revenue FROM fact_sales f JOIN dim_product p ON p.product_id = f.product_id " +
            "JOIN dim_date d ON d.date_key = f.date_key WHERE d.year = 2023 GROUP BY p.category ORDER BY revenue DESC, p.category LIMIT 10"),
        ("units by segment and quarter",
            "SELECT c.segment, d.quarter, sum(f.quantity) AS units FROM fact_sales f JOIN dim_customer c ON c.customer_id = f.customer_id " +
            "JOIN dim_date d ON d.date_key = f.date_key GROUP BY c.segment, d.quarter ORDER BY c.segment, d.quarter"),
        ("distinct customers per region",
            "SELECT s.region, count(DISTINCT f.customer_id) AS customers FROM fact_sales f JOIN dim_store s ON s.store_id = f.store_id " +
            "GROUP BY s.region ORDER BY s.region"),
        ("monthly totals",
            "SELECT d.year, d.month, count(*) AS sales, sum(f.amount_cents) AS revenue, min(f.amount_cents) AS smallest, max(f.amount_cents) AS largest " +
            "FROM fact_sales f JOIN dim_date d ON d.date_key = f.date_key GROUP BY d.year, d.month ORDER BY d.year, d.month"),
    ];

    /// <summary>A fingerprint of the fact table after the OLTP mix: both engines must agree on it.</summary>
    public const string FactChecksum = "SELECT count(*), sum(quantity), sum(amount_cents), max(sale_id) FROM fact_sales";
}
