namespace StatelessMind.Labs.DimensionalModeling.StarSchema;

/// <summary>Modeling mistakes planted in a copy of the dbt project (tests only): the audit must catch each.</summary>
public enum StarSchemaBug
{
    None,
    /// <summary>fct_sales joins every address of the customer, not only the shipping one: lines of customers with two addresses are counted twice.</summary>
    FanOutJoin,
    /// <summary>The surrogate-key macro concatenates without a separator: order 1 line 12 and order 11 line 2 get the same key.</summary>
    CollidingSurrogateKey,
}
