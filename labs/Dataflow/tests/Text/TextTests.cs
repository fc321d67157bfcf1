using StatelessMind.Dataflow.Jobs;
using StatelessMind.Dataflow.Text;

namespace StatelessMind.Dataflow.Tests.Text;

public sealed class TextTests
{
    [Fact]
    public void Words_are_maximal_runs_of_ascii_letters_with_case_kept()
    {
        const string text = "Don't panic!  It's 42 o'clock -- naïve Zoë, café.";
        string[] expected = ["Don", "t", "panic", "It", "s", "o", "clock", "na", "ve", "Zo", "caf"];
        Assert.Equal(expected, AsciiWords.Split(text));
        var spans = new List<string>();
        foreach (var w in AsciiWords.Enumerate(text)) spans.Add(w.ToString());
        Assert.Equal(expected, spans);
    }

    [Fact]
    public void Zipf_probabilities_follow_the_law_and_the_sampler_draws_them()
    {
        var zipf = new ZipfSampler(1000, 1.1);
        Assert.Equal(1.0, Enumerable.Range(1, 1000).Sum(zipf.Probability), 9);
        Assert.Equal(Math.Pow(2, 1.1), zipf.Probability(1) / zipf.Probability(2), 9);
        var random = new Random(2);
        var ones = Enumerable.Range(0, 200_000).Count(_ => zipf.Next(random) == 1);
        Assert.InRange(ones / 200_000.0, zipf.Probability(1) * 0.97, zipf.Probability(1) * 1.03);
    }

    [Fact]
    public void Made_up_words_are_distinct_letters_only()
    {
        var words = Enumerable.Range(1, 5000).Select(ZipfText.Word).ToList();
        Assert.Equal(words.Count, words.Distinct().Count());
        Assert.All(words, w => Assert.True(w.All(AsciiWords.IsLetter)));
    }

    [Fact]
    public void Generated_text_counts_as_many_words_as_were_written()
    {
        var path = Path.GetTempFileName();
        try
        {
            var written = ZipfText.WriteFile(path, 50_000, vocabulary: 500, seed: 3);
            var counts = WordCountJob.Sequential(File.ReadLines(path));
            Assert.Equal(written, counts.Values.Sum());
            Assert.True(counts.Count <= 500);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_corpus_folder_is_a_typed_error_naming_the_package()
    {
        var e = Assert.Throws<CorpusNotFoundException>(() => FortuneCorpus.Files("/no/such/fortunes"));
        Assert.Contains("apt-get install fortunes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fortunes_are_split_on_percent_lines()
    {
        var dir = Directory.CreateTempSubdirectory("fortunes").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "wisdom"), "First one.\n%\nSecond\none.\n%\n");
            File.WriteAllText(Path.Combine(dir, "wisdom.dat"), "index");
            Assert.Equal(["First one.", "Second\none."], FortuneCorpus.Fortunes(dir).Select(f => f.ReplaceLineEndings("\n")));
            Assert.Single(FortuneCorpus.Files(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_word_count_job_on_a_dataset_equals_the_sequential_count()
    {
        var lines = Enumerable.Range(0, 3000).Select(i => $"the {i % 17} quick Brown fox{i % 5} jumps; over the lazy dog").ToArray();
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var counts = WordCountJob.Run(ctx.Parallelize(lines, 4)).Collect().ToDictionary(r => r.Word, r => r.Count);
        Assert.Equal(WordCountJob.Sequential(lines), counts);
    }
}

public sealed class WordCountBaselineTests
{
    [Fact]
    public void Linq_plinq_and_the_unix_pipeline_count_the_same_words_as_the_layer()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "-- Don't panic! It's 42 o'clock; naïve Zoë said: don't.\nDon't\n\n" + string.Join('\n', Enumerable.Range(0, 500).Select(i => $"word{i % 7} x{i % 3}")));
            var expected = Jobs.WordCountJob.Sequential(File.ReadLines(path));
            Assert.True(Jobs.WordCountBaselines.Same(expected, Jobs.WordCountBaselines.Linq(File.ReadLines(path))));
            Assert.True(Jobs.WordCountBaselines.Same(expected, Jobs.WordCountBaselines.Plinq(File.ReadLines(path))));
            Assert.True(Jobs.WordCountBaselines.Same(expected, Jobs.WordCountBaselines.UnixPipeline(path)));
            using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
            Assert.True(Jobs.WordCountBaselines.Same(expected, Jobs.WordCountJob.Run(ctx.TextFile(path, 3)).Collect().ToDictionary(r => r.Word, r => r.Count)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_pipeline_that_runs_past_its_timeout_is_killed_and_named()
    {
        // A named pipe with no writer: the pipeline's `< "$1"` blocks on opening it until something writes, which never happens.
        var fifo = Path.Combine(Path.GetTempPath(), $"sm-wordcount-{Guid.NewGuid():N}.fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();
        try
        {
            var error = Assert.Throws<TimeoutException>(() => Jobs.WordCountBaselines.UnixPipeline(fifo, TimeSpan.FromMilliseconds(500)));
            Assert.Contains("was killed", error.Message, StringComparison.Ordinal);
            Assert.Contains(fifo, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(fifo);
        }
    }
}
