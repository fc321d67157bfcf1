using StatelessMind.Dataflow.Text;

namespace StatelessMind.Labs.DatabaseTheory.Tests.MapReduce;

/// <summary>A scratch folder for one job: a work folder and input files (fortune files, or small generated ones
/// named input-0.txt …).</summary>
internal sealed class MapReduceInputs : IDisposable
{
    private MapReduceInputs(string root, IReadOnlyList<string> inputs)
    {
        Root = root;
        Inputs = inputs;
        Work = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;
    }

    public string Root { get; }
    public string Work { get; }
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The first <paramref name="count"/> fortune files (real prose).</summary>
    public static MapReduceInputs Fortunes(int count) =>
        new(Directory.CreateTempSubdirectory("mr-fortunes").FullName, [.. FortuneCorpus.Files().Take(count)]);

    /// <summary><paramref name="count"/> small generated files of Zipf text (s = 1.1).</summary>
    public static MapReduceInputs Generated(int count, int bytes = 20_000)
    {
        var root = Directory.CreateTempSubdirectory("mr-generated").FullName;
        var inputs = Enumerable.Range(0, count).Select(i =>
        {
            var path = Path.Combine(root, $"input-{i}.txt");
            ZipfText.WriteFile(path, bytes, vocabulary: 2000, exponent: 1.1, seed: 100 + i);
            return path;
        }).ToList();
        return new MapReduceInputs(root, inputs);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
