namespace StatelessMind.Labs.Encoding.Formats;

public sealed record Address(string Street, string City, string PostalCode, string Country);
