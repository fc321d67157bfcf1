namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>
/// The settings both sides share: the dbt project's vars (calendar range, customer segments) and its currency
/// (<c>env_var('DBT_CURRENCY', 'EUR')</c>). The ETL takes them from here, the ELT from dbt_project.yml.
/// </summary>
public sealed record MartParameters(DateOnly CalendarStart, DateOnly CalendarEnd, IReadOnlyList<string> Segments, string Currency)
{
    public static MartParameters RetailProject { get; } =
        new(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), ["consumer", "small_business", "corporate"], "EUR");
}
