using Microsoft.ML.Tokenizers;

namespace StatelessMind.Labs.MlOps.TextClassification;

/// <summary>
/// Learns a byte-pair-encoding vocabulary (Sennrich et al.'s algorithm, over characters): texts are normalized and
/// split into words exactly as <see cref="TextTokenizer"/> will split them; each word starts as its characters; then,
/// merge after merge, the most frequent adjacent pair of symbols (counted over all words, weighted by how often each
/// word occurs) becomes a new symbol. Ties go to the pair whose symbols sort first (ordinal), so training is deterministic.
/// </summary>
public static class BpeTrainer
{
    public static BpeVocabulary Learn(IEnumerable<string> texts, int mergeCount, Normalizer normalizer, PreTokenizer preTokenizer)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfNegative(mergeCount);
        var wordCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var textCount = 0;
        foreach (var text in texts)
        {
            textCount++;
            var normalized = normalizer.Normalize(text);
            foreach (var (offset, length) in preTokenizer.PreTokenize(normalized))
            {
                var word = normalized.Substring(offset, length);
                wordCounts[word] = wordCounts.GetValueOrDefault(word) + 1;
            }
        }

        var tokens = new Dictionary<string, int>(StringComparer.Ordinal) { [TextTokenizer.PadToken] = TextTokenizer.PadId, [TextTokenizer.UnknownToken] = TextTokenizer.UnknownId };
        var symbols = new List<string>();
        foreach (var c in wordCounts.Keys.SelectMany(w => w).Select(c => c.ToString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            tokens[c] = tokens.Count;
            symbols.Add(c);
        }
        var symbolIds = symbols.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        // Each distinct word as a sequence of symbol ids, with its count; sorted so that the result never depends on hashing.
        var words = wordCounts.OrderBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => (Symbols: w.Key.Select(c => symbolIds[c.ToString()]).ToList(), Count: w.Value)).ToList();
        var merges = new List<(string Left, string Right)>();

        #region Exercise 3.2-3b: repeat mergeCount times: count adjacent symbol pairs (weighted by word count), merge the most frequent pair (ties: ordinal order of the two symbols) into a new symbol everywhere; stop when no pair occurs twice (tests: BpeTokenizerTests)
        var pairCounts = new Dictionary<long, int>();
        for (var m = 0; m < mergeCount; m++)
        {
            pairCounts.Clear();
            foreach (var (sequence, count) in words)
                for (var i = 0; i + 1 < sequence.Count; i++)
                {
                    var key = ((long)sequence[i] << 32) | (uint)sequence[i + 1];
                    pairCounts[key] = pairCounts.GetValueOrDefault(key) + count;
                }
            var best = -1L;
            var bestCount = 1;
            foreach (var (key, count) in pairCounts)
            {
                if (count < bestCount) continue;
                if (count == bestCount && (best < 0 || Compare(key, best) >= 0)) continue;
                best = key;
                bestCount = count;
            }
            if (best < 0) break;
            var (left, right) = ((int)(best >> 32), (int)(best & 0xffffffff));
            var merged = symbols[left] + symbols[right];
            merges.Add((symbols[left], symbols[right]));
            if (!symbolIds.TryGetValue(merged, out var mergedId))
            {
                mergedId = symbols.Count;
                symbols.Add(merged);
                symbolIds[merged] = mergedId;
                tokens.TryAdd(merged, tokens.Count);
            }
            foreach (var (sequence, _) in words)
                for (var i = 0; i + 1 < sequence.Count; i++)
                    if (sequence[i] == left && sequence[i + 1] == right)
                    {
                        sequence[i] = mergedId;
                        sequence.RemoveAt(i + 1);
                    }
        }
        #endregion
        return new BpeVocabulary(tokens, merges, textCount);

        int Compare(long a, long b)
        {
            var first = string.CompareOrdinal(symbols[(int)(a >> 32)], symbols[(int)(b >> 32)]);
            return first != 0 ? first : string.CompareOrdinal(symbols[(int)(a & 0xffffffff)], symbols[(int)(b & 0xffffffff)]);
        }
    }
}
