namespace StatelessMind.Labs.DimensionalModeling.Hierarchies;

/// <summary>Modeling mistakes planted in a copy of the dbt project (tests only): the rollup checks must catch each.</summary>
public enum HierarchyBug
{
    None,
    /// <summary>The rollup through the bridge sums the amounts without the weighting factor: a shared account counts once per holder.</summary>
    RollupWithoutWeight,
}
