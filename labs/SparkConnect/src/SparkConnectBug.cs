namespace StatelessMind.SparkConnect;

/// <summary>
/// Planted mistakes a Spark Connect client can make, switched on by tests to show that the in-process server's checks
/// catch them. Never set outside tests.
/// </summary>
internal enum SparkConnectBug
{
    None,

    /// <summary>Each request gets a fresh session id, so a temporary view made by one request is gone in the next.</summary>
    FreshSessionPerRequest,

    /// <summary>Values are read without the validity bitmap: a null arrives as 0, false or the empty string.</summary>
    IgnoreValidityBitmap,

    /// <summary>A dictionary-encoded column is read as its indices instead of the dictionary's values.</summary>
    DictionaryIndicesAsValues,
}
