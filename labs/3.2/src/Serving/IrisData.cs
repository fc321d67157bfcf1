using System.Globalization;
using System.Text;

namespace StatelessMind.Labs.MlOps.Serving;

/// <summary>
/// Fisher's iris from the CSV that Debian's python3-sklearn ships (<c>sklearn/datasets/data/iris.csv</c>: a first line
/// <c>150,4,setosa,versicolor,virginica</c>, then four measurements and a class index per row), and the plain CSV
/// (header <c>sepal_length,…,species</c>) the pipeline's stages exchange.
/// </summary>
public static class IrisData
{
    public const int FeatureCount = 4;
    public const string FolderVariable = "SM_SKLEARN_DATA";
    public const string ExtractedFolder = "/usr/local/share/stateless-mind/sklearn-datasets";
    public const string PackageFolder = "/usr/lib/python3/dist-packages/sklearn/datasets/data";
    public static IReadOnlyList<string> FeatureNames { get; } = ["sepal_length", "sepal_width", "petal_length", "petal_width"];

    /// <summary>The path of scikit-learn's iris.csv: <c>$SM_SKLEARN_DATA</c>, else setup's extraction, else the package.</summary>
    public static string SklearnIrisPath()
    {
        string[] folders = [Environment.GetEnvironmentVariable(FolderVariable) ?? "", ExtractedFolder, PackageFolder];
        return folders.Where(f => f.Length > 0).Select(f => Path.Combine(f, "iris.csv")).FirstOrDefault(File.Exists)
               ?? throw new FileNotFoundException($"scikit-learn's iris.csv was not found in {ExtractedFolder} or {PackageFolder}: run `make setup` " +
                                                  $"(it extracts the data sets from Debian's python3-sklearn) or set {FolderVariable}.");
    }

    /// <summary>Reads scikit-learn's layout into rows with species names.</summary>
    public static IReadOnlyList<IrisRow> ReadSklearn(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
        if (lines.Length == 0) throw new FormatException($"{path} is empty.");
        var header = lines[0].Split(',');
        if (header.Length < 3) throw new FormatException($"{path}: the first line '{lines[0]}' is not 'n_samples,n_features,class names…'.");
        var classes = header[2..].Select(c => c.Trim()).ToArray();
        var rows = new List<IrisRow>();
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            if (cells.Length != FeatureCount + 1) throw new FormatException($"{path} line {i + 1}: {FeatureCount + 1} values expected, got '{lines[i]}'.");
            var label = int.Parse(cells[FeatureCount], CultureInfo.InvariantCulture);
            rows.Add(new IrisRow { Features = [.. cells[..FeatureCount].Select(c => float.Parse(c, CultureInfo.InvariantCulture))], Species = classes[label] });
        }
        return rows;
    }

    /// <summary>The class names of scikit-learn's first line (in class-index order).</summary>
    public static IReadOnlyList<string> ReadSklearnClasses(string path) =>
        [.. File.ReadLines(path).First().Split(',')[2..].Select(c => c.Trim())];

    /// <summary>Writes rows back in scikit-learn's layout (a data version other than the shipped one).</summary>
    public static void WriteSklearn(string path, IReadOnlyList<IrisRow> rows, IReadOnlyList<string> classes)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{rows.Count},{FeatureCount},{string.Join(',', classes)}\n");
        foreach (var row in rows)
            text.Append(CultureInfo.InvariantCulture, $"{string.Join(',', row.Features.Select(Number))},{IndexOf(classes, row.Species)}\n");
        File.WriteAllText(path, text.ToString());
    }

    public static void WriteCsv(string path, IEnumerable<IrisRow> rows)
    {
        var text = new StringBuilder(string.Join(',', FeatureNames) + ",species\n");
        foreach (var row in rows) text.Append(CultureInfo.InvariantCulture, $"{string.Join(',', row.Features.Select(Number))},{row.Species}\n");
        File.WriteAllText(path, text.ToString());
    }

    public static IReadOnlyList<IrisRow> ReadCsv(string path) =>
        [.. File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var cells = l.Split(',');
            return new IrisRow { Features = [.. cells[..FeatureCount].Select(c => float.Parse(c, CultureInfo.InvariantCulture))], Species = cells[FeatureCount] };
        })];

    /// <summary>The prepare stage: every fifth row (per the file's order) to the test split, the rest to training.</summary>
    public static void Split(string sklearnPath, string trainPath, string testPath)
    {
        var rows = ReadSklearn(sklearnPath);
        WriteCsv(trainPath, rows.Where((_, i) => i % 5 != 4));
        WriteCsv(testPath, rows.Where((_, i) => i % 5 == 4));
    }

    private static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static int IndexOf(IReadOnlyList<string> classes, string species)
    {
        for (var i = 0; i < classes.Count; i++) if (classes[i] == species) return i;
        throw new ArgumentException($"Unknown species '{species}'.", nameof(species));
    }
}
