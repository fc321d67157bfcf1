using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace StatelessMind.Labs.MlOps.TextClassification;

/// <summary>
/// The tokenizer used at training and at inference: Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/> (lower-casing
/// normalizer, word-or-punctuation pre-tokenizer) over a vocabulary that <see cref="BpeTrainer"/> learned from the
/// training texts. <see cref="Save"/> writes the Hugging Face file pair (<c>vocab.json</c>, <c>merges.txt</c>);
/// <see cref="Load"/> builds the tokenizer again from those files alone.
/// </summary>
public sealed class TextTokenizer
{
    public const string PadToken = "[PAD]";
    public const string UnknownToken = "[UNK]";
    public const int PadId = 0;
    public const int UnknownId = 1;
    public const string VocabularyFile = "vocab.json";
    public const string MergesFile = "merges.txt";

    private readonly BpeTokenizer _bpe;

    private TextTokenizer(BpeTokenizer bpe, BpeVocabulary vocabulary)
    {
        _bpe = bpe;
        Vocabulary = vocabulary;
    }

    public BpeVocabulary Vocabulary { get; }
    public int VocabularySize => Vocabulary.Tokens.Count;

    public static Normalizer TextNormalizer => LowerCaseNormalizer.Instance;
    public static PreTokenizer WordSplitter { get; } = PreTokenizer.CreateWordOrPunctuation();

    /// <summary>Learns <paramref name="mergeCount"/> merges from <paramref name="texts"/> and builds the tokenizer.</summary>
    public static TextTokenizer Fit(IEnumerable<string> texts, int mergeCount)
    {
        var vocabulary = BpeTrainer.Learn(texts, mergeCount, TextNormalizer, WordSplitter);
        var options = new BpeOptions(vocabulary.Tokens)
        {
            Merges = vocabulary.Merges.Select(m => $"{m.Left} {m.Right}"),
            Normalizer = TextNormalizer,
            PreTokenizer = WordSplitter,
            UnknownToken = UnknownToken,
        };
        return new TextTokenizer(BpeTokenizer.Create(options), vocabulary);
    }

    /// <summary>The tokenizer of a split: its vocabulary comes from the training texts only.</summary>
    public static TextTokenizer FitOnTraining(TextSplit split, int mergeCount, TextClassificationBug bug = TextClassificationBug.None)
    {
        ArgumentNullException.ThrowIfNull(split);
        var texts = split.Train.Select(t => t.Text);
        if (bug == TextClassificationBug.TokenizerFittedOnTestTexts) texts = texts.Concat(split.Test.Select(t => t.Text));
        return Fit(texts, mergeCount);
    }

    /// <summary>The token ids of a text, at most <paramref name="maxTokens"/> of them (the text's start is kept).</summary>
    public int[] Encode(string text, int maxTokens = int.MaxValue)
    {
        var ids = _bpe.EncodeToIds(text);
        return ids.Count <= maxTokens ? [.. ids] : [.. ids.Take(maxTokens)];
    }

    /// <summary>The tokens of a text, as strings (for reading what the vocabulary does).</summary>
    public IReadOnlyList<string> Tokens(string text) => [.. _bpe.EncodeToTokens(text, out _).Select(t => t.Value)];

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, VocabularyFile), JsonSerializer.Serialize(Vocabulary.Tokens.OrderBy(t => t.Value).ToDictionary(t => t.Key, t => t.Value)));
        File.WriteAllLines(Path.Combine(directory, MergesFile), ["#version: 0.2", .. Vocabulary.Merges.Select(m => $"{m.Left} {m.Right}")]);
    }

    /// <summary>The tokenizer saved in <paramref name="directory"/>, rebuilt from its two files.</summary>
    public static TextTokenizer Load(string directory, int trainingTexts = 0)
    {
        var vocabularyPath = Path.Combine(directory, VocabularyFile);
        var mergesPath = Path.Combine(directory, MergesFile);
        foreach (var path in new[] { vocabularyPath, mergesPath })
            if (!File.Exists(path)) throw new FileNotFoundException($"A saved tokenizer needs {path}.", path);
        var tokens = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(vocabularyPath))
                     ?? throw new InvalidDataException($"{vocabularyPath} holds no vocabulary.");
        var merges = File.ReadLines(mergesPath).Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var space = l.IndexOf(' ', StringComparison.Ordinal);
            return space > 0 ? (l[..space], l[(space + 1)..]) : throw new InvalidDataException($"{mergesPath}: '{l}' is not a pair of symbols.");
        }).ToList();
        using var vocabularyStream = File.OpenRead(vocabularyPath);
        using var mergesStream = File.OpenRead(mergesPath);
        var bpe = BpeTokenizer.Create(vocabularyStream, mergesStream, WordSplitter, TextNormalizer, specialTokens: null, unknownToken: UnknownToken);
        return new TextTokenizer(bpe, new BpeVocabulary(tokens, merges, trainingTexts));
    }
}
