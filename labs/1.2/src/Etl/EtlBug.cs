namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>Planted bugs in the in-memory transformation: each one makes an ETL mart differ from the dbt model it mirrors.</summary>
public enum EtlBug
{
    None,

    /// <summary>dim_date's week from the culture calendar (weeks start on Sunday, week 1 holds 1 January) instead of the ISO week.</summary>
    CalendarWeek,

    /// <summary>fct_sales' ship city from whichever address of the customer was read last (the billing one, where there is one).</summary>
    AnyAddressAsShipCity,
}
