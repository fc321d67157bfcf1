namespace StatelessMind.Labs.Encoding.Formats;

public sealed record OrderCustomer(long Id, string Name, string Email, Address? ShippingAddress);
