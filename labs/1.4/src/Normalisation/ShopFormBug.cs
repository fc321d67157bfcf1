namespace StatelessMind.Labs.Relational.Normalisation;

/// <summary>Deliberate design mistakes <see cref="NormalisedShop"/> can be built with (tests only). <see cref="None"/> is sql/schema.sql.</summary>
public enum ShopFormBug
{
    None,

    /// <summary>
    /// The order keeps a copy of its customer's name (<c>purchase_order.customer_name</c>), a transitive dependency
    /// order_id → customer_id → name: the schema is no longer in 3NF, and a rename through one order contradicts the
    /// customer's other orders, as in the wide table.
    /// </summary>
    CustomerNameOnOrder,
}
