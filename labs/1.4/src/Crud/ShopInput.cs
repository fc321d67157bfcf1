namespace StatelessMind.Labs.Relational.Crud;

/// <summary>Argument checks both repositories share, so that bad input fails the same way before any SQL runs.</summary>
internal static class ShopInput
{
    public static string Text(string? value, string name, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{name} must not be empty.", name);
        if (value.Length > maxLength) throw new ArgumentException($"{name} has {value.Length} characters; at most {maxLength} are allowed.", name);
        return value;
    }

    public static NewProduct Product(NewProduct p)
    {
        ArgumentNullException.ThrowIfNull(p);
        Text(p.Sku, "sku", 32);
        Text(p.Name, "name", 200);
        return p;
    }

    public static IReadOnlyList<NewProduct> Products(IReadOnlyList<NewProduct> products)
    {
        ArgumentNullException.ThrowIfNull(products);
        foreach (var p in products) Product(p);
        if (products.Select(p => p.Sku).Distinct(StringComparer.Ordinal).Count() != products.Count)
            throw new ArgumentException("The SKUs of one batch must differ from each other.", nameof(products));
        return products;
    }

    public static NewCustomer Customer(NewCustomer c)
    {
        ArgumentNullException.ThrowIfNull(c);
        Text(c.Email, "email", 254);
        Text(c.FullName, "fullName", 200);
        return c;
    }

    public static IReadOnlyList<OrderLineRequest> Lines(IReadOnlyList<OrderLineRequest> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0) throw new ArgumentException("An order needs at least one line.", nameof(lines));
        if (lines.Select(l => l.ProductId).Distinct().Count() != lines.Count)
            throw new ArgumentException("An order lists each product once; add up the quantities of repeated products.", nameof(lines));
        return lines;
    }
}
