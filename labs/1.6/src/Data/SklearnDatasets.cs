using System.Globalization;

namespace StatelessMind.Labs.LearningData.Data;

/// <summary>
/// scikit-learn's bundled real data sets, read from the CSV files Debian's python3-sklearn ships in
/// <c>sklearn/datasets/data</c>. <c>make setup</c> extracts that folder from the package (infra/scripts/sklearn-data.sh).
/// Their layout: a first line <c>n_samples,n_features[,class names…]</c>, then one row per example with the features
/// and, last, the target (a class index for classification). Digits and diabetes are gzip-compressed.
/// </summary>
public static class SklearnDatasets
{
    public const string FolderVariable = "SM_SKLEARN_DATA";
    public const string ExtractedFolder = "/usr/local/share/stateless-mind/sklearn-datasets";
    public const string PackageFolder = "/usr/lib/python3/dist-packages/sklearn/datasets/data";

    /// <summary>The folder holding the files: <c>$SM_SKLEARN_DATA</c>, else setup's extraction, else the installed package.</summary>
    public static string Folder
    {
        get
        {
            string[] candidates = [Environment.GetEnvironmentVariable(FolderVariable) ?? "", ExtractedFolder, PackageFolder];
            return candidates.FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "iris.csv")))
                   ?? throw new DatasetNotFoundException(
                       $"scikit-learn's data sets were not found in {ExtractedFolder} or {PackageFolder}: run `make setup` " +
                       $"(it extracts them from Debian's python3-sklearn), install python3-sklearn, or set {FolderVariable} to a folder holding iris.csv.");
        }
    }

    /// <summary>Fisher's iris: 150 flowers, 4 measurements in cm, 3 species.</summary>
    public static TabularDataset Iris() => ReadSklearnCsv(Path.Combine(Folder, "iris.csv"), "iris",
        ["sepal length", "sepal width", "petal length", "petal width"], classification: true);

    /// <summary>UCI wine: 178 wines from three cultivars, 13 chemical measurements.</summary>
    public static TabularDataset Wine() => ReadSklearnCsv(Path.Combine(Folder, "wine_data.csv"), "wine",
        ["alcohol", "malic acid", "ash", "alcalinity of ash", "magnesium", "total phenols", "flavanoids",
         "nonflavanoid phenols", "proanthocyanins", "color intensity", "hue", "od280/od315", "proline"], classification: true);

    /// <summary>Wisconsin diagnostic breast cancer: 569 tumours, 30 features (10 measures × mean, standard error, worst).</summary>
    public static TabularDataset BreastCancer() => ReadSklearnCsv(Path.Combine(Folder, "breast_cancer.csv"), "breast cancer",
        [.. new[] { "mean", "error", "worst" }.SelectMany(kind => new[] { "radius", "texture", "perimeter", "area", "smoothness",
            "compactness", "concavity", "concave points", "symmetry", "fractal dimension" }.Select(m => $"{kind} {m}"))], classification: true);

    /// <summary>Handwritten digits: 1,797 images of 8×8 pixels with intensities 0–16, classes 0–9. No header line.</summary>
    public static TabularDataset Digits()
    {
        var path = Path.Combine(Folder, "digits.csv.gz");
        var names = Enumerable.Range(0, 64).Select(i => $"pixel {i / 8},{i % 8}").ToArray();
        var lines = CsvDatasetReader.ReadLines(path);
        return FromRows(path, "digits", names, lines, firstDataLine: 0, classNames: [.. Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture))]);
    }

    /// <summary>Efron et al.'s diabetes data, raw (unscaled): 442 patients, age, sex (1 or 2), BMI, blood pressure and six
    /// blood serum measurements; the target is a measure of disease progression one year later.</summary>
    public static TabularDataset Diabetes()
    {
        var dataPath = Path.Combine(Folder, "diabetes_data_raw.csv.gz");
        var targetPath = Path.Combine(Folder, "diabetes_target.csv.gz");
        string[] names = ["age", "sex", "bmi", "bp", "s1 tc", "s2 ldl", "s3 hdl", "s4 tch", "s5 ltg", "s6 glu"];
        var data = CsvDatasetReader.ReadLines(dataPath).Where(l => l.Trim().Length > 0).ToList();
        var target = CsvDatasetReader.ReadLines(targetPath).Where(l => l.Trim().Length > 0).ToList();
        if (data.Count != target.Count)
            throw new DatasetFormatException(targetPath, target.Count + 1, -1, $"{data.Count} targets, one per row of {Path.GetFileName(dataPath)}", $"{target.Count} lines");
        var features = new float[data.Count][];
        var targets = new float[data.Count];
        for (var i = 0; i < data.Count; i++)
        {
            var cells = data[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length != names.Length) throw new DatasetFormatException(dataPath, i + 1, -1, $"{names.Length} space-separated numbers", data[i]);
            features[i] = [.. cells.Select((c, f) => CsvDatasetReader.ParseNumber(c, dataPath, i + 1, f))];
            targets[i] = CsvDatasetReader.ParseNumber(target[i].Trim(), targetPath, i + 1, 0);
        }
        return new TabularDataset("diabetes", names, features, targets, null);
    }

    /// <summary>Reads scikit-learn's CSV layout: a first line <c>n_samples,n_features,class names…</c>, then the rows.</summary>
    public static TabularDataset ReadSklearnCsv(string path, string name, IReadOnlyList<string> featureNames, bool classification)
    {
        var lines = CsvDatasetReader.ReadLines(path);
        if (lines.Count == 0) throw new DatasetFormatException(path, 1, -1, "a first line 'n_samples,n_features,…'", "an empty file");
        var head = lines[0].Split(',');
        if (head.Length < 2 || !int.TryParse(head[0], NumberStyles.None, CultureInfo.InvariantCulture, out var samples)
                            || !int.TryParse(head[1], NumberStyles.None, CultureInfo.InvariantCulture, out var featureCount))
            throw new DatasetFormatException(path, 1, -1, "a first line 'n_samples,n_features,…'", lines[0]);
        if (featureCount != featureNames.Count)
            throw new DatasetFormatException(path, 1, 1, $"{featureNames.Count} features", head[1]);
        string[]? classes = classification ? [.. head.Skip(2).Where(c => c.Length > 0)] : null;
        if (classes is { Length: 0 }) throw new DatasetFormatException(path, 1, 2, "the class names after n_features", lines[0]);
        var dataset = FromRows(path, name, featureNames, lines, firstDataLine: 1, classes);
        if (dataset.Count != samples) throw new DatasetFormatException(path, lines.Count, -1, $"{samples} data rows (line 1 says so)", $"{dataset.Count}");
        return dataset;
    }

    private static TabularDataset FromRows(string path, string name, IReadOnlyList<string> featureNames, List<string> lines, int firstDataLine, string[]? classNames)
    {
        var features = new List<float[]>();
        var targets = new List<float>();
        for (var i = firstDataLine; i < lines.Count; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var cells = lines[i].Split(',');
            if (cells.Length != featureNames.Count + 1)
                throw new DatasetFormatException(path, i + 1, -1, $"{featureNames.Count + 1} fields ({featureNames.Count} features and the target)", $"{cells.Length} fields");
            features.Add([.. cells.Take(featureNames.Count).Select((c, f) => CsvDatasetReader.ParseNumber(c, path, i + 1, f))]);
            var t = CsvDatasetReader.ParseNumber(cells[^1], path, i + 1, featureNames.Count);
            if (classNames is not null && (t != MathF.Floor(t) || t < 0 || t >= classNames.Length))
                throw new DatasetFormatException(path, i + 1, featureNames.Count, $"a class index 0…{classNames.Length - 1}", cells[^1]);
            targets.Add(t);
        }
        return new TabularDataset(name, featureNames, [.. features], [.. targets], classNames);
    }
}
