namespace StatelessMind.Labs.Programming.Sql;

/// <summary>One query of the suite: its name (the SQL file's), the SQL feature it exercises and its text.</summary>
public sealed record SuiteQuery(string Name, string Feature, string Sql);
