using StatelessMind.Labs.LearningData.Data;

namespace StatelessMind.Labs.LearningData.Tests.Data;

/// <summary>The standard-format loaders on small files written here: a CSV with a header, the UCI layout, bad input.</summary>
public sealed class CsvDatasetReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sm-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    [Goal("1.6-1")]
    public void A_csv_with_a_header_names_its_features_and_maps_class_names_to_sorted_indices()
    {
        var path = Write("flowers.csv", "length,width,\"species, common name\"\n1.5,0.2,setosa\n4.7,1.4,versicolor\n1.4,0.2,setosa\n");
        var data = CsvDatasetReader.Read(path);
        Assert.Equal(["length", "width"], data.FeatureNames);
        Assert.Equal(["setosa", "versicolor"], data.ClassNames);
        Assert.Equal([0, 1, 0], data.Labels);
        Assert.Equal([4.7f, 1.4f], data.Features[1]);
    }

    [Fact]
    [Goal("1.6-1")]
    public void The_uci_layout_has_no_header_the_class_last_and_question_marks_for_missing_values()
    {
        var path = Write("iris.data", "5.1,3.5,1.4,0.2,Iris-setosa\n6.3,?,4.9,1.5,Iris-versicolor\n\n");
        var data = CsvDatasetReader.Read(path, CsvDatasetOptions.Uci);
        Assert.Equal(["x0", "x1", "x2", "x3"], data.FeatureNames);
        Assert.True(float.IsNaN(data.Features[1][1]));
        Assert.Equal(["Iris-setosa", "Iris-versicolor"], data.ClassNames);
    }

    [Fact]
    [Goal("1.6-1")]
    public void A_regression_target_is_read_as_a_number_from_the_named_column()
    {
        var path = Write("houses.csv", "price,rooms,area\n250.5,3,80\n410,5,120\n");
        var data = CsvDatasetReader.Read(path, new CsvDatasetOptions { TargetColumn = "price", Classification = false });
        Assert.False(data.IsClassification);
        Assert.Equal([250.5f, 410f], data.Targets);
        Assert.Equal(["rooms", "area"], data.FeatureNames);
    }

    [Fact]
    [Goal("1.6-1")]
    public void A_cell_that_is_not_a_number_is_reported_with_file_line_and_field()
    {
        var path = Write("bad.csv", "a,b,label\n1,2,x\n3,three,y\n");
        var e = Assert.Throws<DatasetFormatException>(() => CsvDatasetReader.Read(path));
        Assert.Equal((3, 1, "three"), (e.Line, e.Field, e.Found));
        Assert.Contains("bad.csv, line 3, field 1: expected a finite number", e.Message);
    }

    [Fact]
    [Goal("1.6-1")]
    public void A_short_row_an_unknown_target_column_and_an_open_quote_are_typed_errors()
    {
        var shortRow = Assert.Throws<DatasetFormatException>(() => CsvDatasetReader.Read(Write("short.csv", "a,b,label\n1,2,x\n3,y\n")));
        Assert.Equal((3, "3 fields"), (shortRow.Line, shortRow.Expected));
        var target = Assert.Throws<DatasetFormatException>(() => CsvDatasetReader.Read(Write("t.csv", "a,b\n1,2\n"), new CsvDatasetOptions { TargetColumn = "y" }));
        Assert.Contains("a target column named 'y'", target.Message);
        var quote = Assert.Throws<DatasetFormatException>(() => CsvDatasetReader.Read(Write("q.csv", "a,b\n\"1,2\n")));
        Assert.Equal("a closing quote", quote.Expected);
        Assert.Throws<DatasetNotFoundException>(() => CsvDatasetReader.Read(Path.Combine(_dir, "absent.csv")));
    }
}
