namespace StatelessMind.Dataflow.Tests.MapReduce;

/// <summary>A scratch folder with a few small input files.</summary>
internal sealed class MapReduceTestFiles : IDisposable
{
    public MapReduceTestFiles(int files = 4)
    {
        Root = Directory.CreateTempSubdirectory("mr-test").FullName;
        Work = Path.Combine(Root, "work");
        Directory.CreateDirectory(Work);
        var random = new Random(7);
        string[] words = ["alpha", "beta", "gamma", "delta", "Epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"];
        Inputs = [.. Enumerable.Range(0, files).Select(i =>
        {
            var path = Path.Combine(Root, $"input-{i}.txt");
            File.WriteAllLines(path, Enumerable.Range(0, 200).Select(_ => string.Join(' ', Enumerable.Range(0, 8).Select(_ => words[random.Next(words.Length - i)]))));
            return path;
        })];
    }

    public string Root { get; }
    public string Work { get; }
    public IReadOnlyList<string> Inputs { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
