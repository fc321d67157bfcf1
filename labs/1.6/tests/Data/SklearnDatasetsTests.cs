using StatelessMind.Labs.LearningData.Data;

namespace StatelessMind.Labs.LearningData.Tests.Data;

/// <summary>scikit-learn's real data sets as Debian ships them, and the sklearn CSV layout's errors on files written here.</summary>
public sealed class SklearnDatasetsTests
{
    [Fact]
    [Goal("1.6-1")]
    public void The_five_real_data_sets_load_with_their_published_shapes()
    {
        var iris = SklearnDatasets.Iris();
        Assert.Equal((150, 4, 3), (iris.Count, iris.FeatureCount, iris.ClassCount));
        Assert.Equal([50, 50, 50], iris.Labels.GroupBy(l => l).OrderBy(g => g.Key).Select(g => g.Count()));
        var wine = SklearnDatasets.Wine();
        Assert.Equal((178, 13, 3), (wine.Count, wine.FeatureCount, wine.ClassCount));
        var cancer = SklearnDatasets.BreastCancer();
        Assert.Equal((569, 30, 2), (cancer.Count, cancer.FeatureCount, cancer.ClassCount));
        Assert.Equal(212, cancer.Labels.Count(l => l == 0)); // malignant
        var digits = SklearnDatasets.Digits();
        Assert.Equal((1797, 64, 10), (digits.Count, digits.FeatureCount, digits.ClassCount));
        Assert.All(digits.Features, row => Assert.All(row, p => Assert.InRange(p, 0, 16)));
        var diabetes = SklearnDatasets.Diabetes();
        Assert.Equal((442, 10), (diabetes.Count, diabetes.FeatureCount));
        Assert.False(diabetes.IsClassification);
        Assert.Equal([1f, 2f], diabetes.Features.Select(r => r[1]).Distinct().Order());
    }

    [Fact]
    [Goal("1.6-1")]
    public void The_sklearn_layout_checks_its_first_line_against_the_rows()
    {
        var dir = Directory.CreateTempSubdirectory("sm-sklearn-").FullName;
        try
        {
            var good = Path.Combine(dir, "good.csv");
            File.WriteAllText(good, "2,2,no,yes\n0.5,1.5,0\n2.5,3.5,1\n");
            var data = SklearnDatasets.ReadSklearnCsv(good, "good", ["a", "b"], classification: true);
            Assert.Equal(["no", "yes"], data.ClassNames);

            var wrongCount = Path.Combine(dir, "count.csv");
            File.WriteAllText(wrongCount, "3,2,no,yes\n0.5,1.5,0\n2.5,3.5,1\n");
            Assert.Contains("3 data rows", Assert.Throws<DatasetFormatException>(() => SklearnDatasets.ReadSklearnCsv(wrongCount, "c", ["a", "b"], true)).Expected);

            var badClass = Path.Combine(dir, "class.csv");
            File.WriteAllText(badClass, "2,2,no,yes\n0.5,1.5,0\n2.5,3.5,2\n");
            var e = Assert.Throws<DatasetFormatException>(() => SklearnDatasets.ReadSklearnCsv(badClass, "c", ["a", "b"], true));
            Assert.Equal((3, 2, "a class index 0…1"), (e.Line, e.Field, e.Expected));

            var badHead = Path.Combine(dir, "head.csv");
            File.WriteAllText(badHead, "a,b,label\n1,2,0\n");
            Assert.Equal(1, Assert.Throws<DatasetFormatException>(() => SklearnDatasets.ReadSklearnCsv(badHead, "h", ["a", "b"], true)).Line);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
