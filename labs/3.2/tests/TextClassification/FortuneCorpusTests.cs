using StatelessMind.Labs.MlOps.TextClassification;

namespace StatelessMind.Labs.MlOps.Tests.TextClassification;

[Goal("3.2-3")]
public sealed class FortuneCorpusTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fortunes-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Texts_are_split_on_percent_lines_trimmed_and_empty_ones_skipped()
    {
        File.WriteAllText(Path.Combine(_directory, "a"), "first line\nsecond line\n%\n\n%\n  third text  \n%\n");
        var texts = FortuneCorpus.ReadFile(_directory, "a");
        Assert.Equal(["first line\nsecond line", "third text"], texts);
    }

    [Fact]
    public void A_missing_file_names_the_path_and_the_package()
    {
        var error = Assert.Throws<FortuneCorpusException>(() => FortuneCorpus.Load(_directory, ["no-such-category"]));
        Assert.Contains(Path.Combine(_directory, "no-such-category"), error.Message, StringComparison.Ordinal);
        Assert.Contains("fortunes package", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_an_error_naming_the_file()
    {
        File.WriteAllText(Path.Combine(_directory, "empty"), "%\n\n%\n");
        var error = Assert.Throws<FortuneCorpusException>(() => FortuneCorpus.Load(_directory, ["empty"]));
        Assert.Contains("holds no texts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicates_are_kept_once_and_texts_of_two_categories_are_dropped()
    {
        File.WriteAllText(Path.Combine(_directory, "a"), "x\n%\nx\n%\nshared\n%\ny\n");
        File.WriteAllText(Path.Combine(_directory, "b"), "shared\n%\nz\n");
        var texts = FortuneCorpus.Load(_directory, ["a", "b"]);
        Assert.Equal([new FortuneText("x", "a"), new FortuneText("y", "a"), new FortuneText("z", "b")], texts);
    }

    [Fact]
    public void The_experiment_categories_of_the_Debian_files_each_hold_hundreds_of_texts()
    {
        var texts = FortuneCorpus.Load(FortuneCorpus.DefaultDirectory, TextClassificationExperiment.Categories);
        foreach (var category in TextClassificationExperiment.Categories)
            Assert.True(texts.Count(t => t.Category == category) >= 500, $"{category} has {texts.Count(t => t.Category == category)} texts");
    }
}
