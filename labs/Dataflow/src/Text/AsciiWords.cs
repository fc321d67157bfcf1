namespace StatelessMind.Dataflow.Text;

/// <summary>
/// The word definition every word count here shares: a maximal run of ASCII letters [A-Za-z], case kept. It is
/// what <c>LC_ALL=C tr -cs A-Za-z '\n'</c> produces and what Spark SQL's <c>split(line, '[^A-Za-z]+')</c> gives,
/// so the three can be compared word for word.
/// </summary>
public static class AsciiWords
{
    public static bool IsLetter(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    /// <summary>The words of <paramref name="text"/>, as spans into it (no allocation).</summary>
    public static Enumerator Enumerate(ReadOnlySpan<char> text) => new(text);

    /// <summary>The words of <paramref name="text"/> as strings.</summary>
    public static IEnumerable<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && IsLetter(text[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }

    /// <summary>A span enumerator over the words of a text.</summary>
    public ref struct Enumerator(ReadOnlySpan<char> text)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private int _next;

        public ReadOnlySpan<char> Current { get; private set; }

        public readonly Enumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            var i = _next;
            while (i < _text.Length && !IsLetter(_text[i])) i++;
            if (i >= _text.Length)
            {
                _next = i;
                return false;
            }
            var start = i;
            while (i < _text.Length && IsLetter(_text[i])) i++;
            Current = _text[start..i];
            _next = i;
            return true;
        }
    }
}
