namespace StatelessMind.Labs.MathFoundations.Calculus;

/// <summary>The text is not an expression: where it went wrong (0-based character offset) and what was expected there.</summary>
public sealed class ExpressionParseException(string text, int offset, string expected)
    : FormatException($"Cannot parse '{text}' at offset {offset} ({Near(text, offset)}): expected {expected}.")
{
    public string Text { get; } = text;
    public int Offset { get; } = offset;
    public string Expected { get; } = expected;

    private static string Near(string text, int offset) => offset >= text.Length ? "the end" : $"'{text[offset..Math.Min(text.Length, offset + 8)]}'";
}
