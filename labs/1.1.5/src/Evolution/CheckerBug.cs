namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>
/// Deliberate mistakes the compatibility checker can be built with, so that the tests can be seen to catch them.
/// <see cref="None"/> is the specification's rules.
/// </summary>
public enum CheckerBug
{
    None,

    /// <summary>A reader field the writer lacks is accepted whether or not it has a default.</summary>
    IgnoreDefaults,

    /// <summary>Two decimals are accepted whatever their precision and scale (only the underlying bytes are compared).</summary>
    IgnoreDecimalPrecisionAndScale,
}
