using System.Text;

namespace StatelessMind.Dataflow.Text;

/// <summary>
/// Generated text with a stated law: words drawn from a vocabulary of pronounceable made-up words by Zipf's law
/// (the word of rank k with probability ∝ 1/k^s; natural English has s close to 1), lines of 8 to 16 words.
/// Used where the real prose (the fortunes) is too small.
/// </summary>
public static class ZipfText
{
    private static readonly string[] Syllables =
    [
        "ba", "be", "bi", "bo", "bu", "da", "de", "di", "do", "du", "ka", "ke", "ki", "ko", "ku", "la", "le", "li", "lo", "lu",
        "ma", "me", "mi", "mo", "mu", "na", "ne", "ni", "no", "nu", "ra", "re", "ri", "ro", "ru", "sa", "se", "si", "so", "su",
        "ta", "te", "ti", "to", "tu", "va", "ve", "vi", "vo", "vu",
    ];

    /// <summary>The made-up word of rank <paramref name="rank"/> (1-based): its syllables spell rank in base 50, so
    /// every rank has its own word and frequent words are short.</summary>
    public static string Word(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        var sb = new StringBuilder();
        var n = rank - 1;
        do
        {
            sb.Append(Syllables[n % Syllables.Length]);
            n /= Syllables.Length;
        } while (n > 0);
        return sb.ToString();
    }

    /// <summary>Writes about <paramref name="bytes"/> bytes of Zipf text to <paramref name="path"/>; returns the words written.</summary>
    public static long WriteFile(string path, long bytes, int vocabulary = 50_000, double exponent = 1.1, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(path);
        var sampler = new ZipfSampler(vocabulary, exponent);
        var words = Enumerable.Range(1, vocabulary).Select(Word).ToArray();
        var random = new Random(seed);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        long written = 0, count = 0;
        var line = new StringBuilder();
        while (written < bytes)
        {
            line.Clear();
            var n = random.Next(8, 17);
            for (var i = 0; i < n; i++)
            {
                if (i > 0) line.Append(i % 5 == 0 ? ", " : " ");
                line.Append(words[sampler.Next(random) - 1]);
            }
            line.Append('.');
            writer.WriteLine(line);
            written += line.Length + 1;
            count += n;
        }
        return count;
    }
}
