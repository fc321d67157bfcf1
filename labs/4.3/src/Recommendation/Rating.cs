namespace StatelessMind.Labs.MassiveData.Recommendation;

/// <summary>A user's rating of an item.</summary>
public readonly record struct Rating(int User, int Item, double Value);
