using StatelessMind.Labs.Retrieval.Search;

namespace StatelessMind.Labs.Retrieval.Tests.Search;

[Goal("4.2-1")]
public sealed class CranfieldReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cranfield-").FullName;

    private const string Documents = """
        .I 1
        .T
        experimental investigation of the aerodynamics
        of a wing
        .A
        brenckman,m.
        .B
        j. ae. scs. 25, 1958
        .W
        the slipstream of a propeller
        was studied.
        .I 2
        .T
        simple shear flow
        .W
        boundary layers in simple shear.
        """;

    private const string Queries = """
        .I 001
        .W
        what similarity laws must be obeyed
        .I 002
        .W
        shear flow in boundary layers
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, true);

    [Fact]
    public void A_collection_in_cranfield_format_is_read_with_every_field()
    {
        Write("cran.all.1400", Documents);
        Write("cran.qry", Queries);
        Write("cranqrel", "001 1 2\n002 2 1\n\n002 1 0\n");
        var collection = TestCollection.Load(_directory);
        Assert.Equal(2, collection.Documents.Count);
        var first = collection.Documents[0];
        Assert.Equal("1", first.Id);
        Assert.Equal("experimental investigation of the aerodynamics\nof a wing", first.Title);
        Assert.Equal("brenckman,m.", first.Authors);
        Assert.Equal("j. ae. scs. 25, 1958", first.Source);
        Assert.Equal("the slipstream of a propeller\nwas studied.", first.Text);
        Assert.Equal("", collection.Documents[1].Authors);
        Assert.Equal(["001", "002"], collection.Queries.Select(q => q.Id));
        Assert.Equal("shear flow in boundary layers", collection.Queries[1].Text);
        Assert.Equal(3, collection.Judgments.Count);
        Assert.Equal(2, collection.Grades("001")["1"]);
        Assert.Equal(4, collection.Judgments[2].Line);
    }

    [Fact]
    public void Trec_style_qrels_with_an_iteration_column_are_read_too()
    {
        var judgments = CranfieldReader.ReadJudgments(new StringReader("401 0 FBIS3-10082 1\n401 0 FBIS3-10169 0\n"), "qrels.trec");
        Assert.Equal(new RelevanceJudgment("401", "FBIS3-10082", 1, 1), judgments[0]);
        Assert.Equal(0, judgments[1].Grade);
    }

    [Theory]
    [InlineData("some text\n.I 1\n.W\nx\n", 1, "before the first .I")]
    [InlineData(".I 1\n.W\nx\n.X\ny\n", 4, "unknown field .X")]
    [InlineData(".I 1\n.W\nx\n.I 1\n.W\ny\n", 4, "appears twice")]
    [InlineData(".I\n.W\nx\n", 1, "without an id")]
    [InlineData(".I 1\nloose text\n", 2, "before any field line")]
    [InlineData(".I 1\n.W\na\n.W\nb\n", 4, ".W appears twice")]
    [InlineData("", 0, "no .I records")]
    public void A_bad_document_file_names_the_line_and_the_problem(string text, int line, string problem)
    {
        var error = Assert.Throws<CranfieldFormatException>(() => CranfieldReader.ReadDocuments(new StringReader(text), "docs.all"));
        Assert.Equal("docs.all", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_query_file_accepts_only_the_text_field()
    {
        var error = Assert.Throws<CranfieldFormatException>(() => CranfieldReader.ReadQueries(new StringReader(".I 1\n.T\ntitle\n"), "q.qry"));
        Assert.Equal(2, error.Line);
    }

    [Theory]
    [InlineData("1 2\n", "found 2 fields")]
    [InlineData("1 2 3\n1 2 high\n", "not an integer")]
    [InlineData("1 2 3 4 5\n", "found 5 fields")]
    public void A_bad_qrels_line_names_the_line_and_the_problem(string text, string problem)
    {
        var error = Assert.Throws<CranfieldFormatException>(() => CranfieldReader.ReadJudgments(new StringReader(text), "qrels"));
        Assert.Equal(text.Count(c => c == '\n'), error.Line);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Judgments_of_unknown_queries_or_documents_and_missing_files_are_errors()
    {
        Write("cran.all.1400", Documents);
        Write("cran.qry", Queries);
        Write("cranqrel", "001 1 2\n001 77 1\n");
        var unknownDoc = Assert.Throws<CranfieldFormatException>(() => TestCollection.Load(_directory));
        Assert.Equal(2, unknownDoc.Line);
        Assert.Contains("document 77", unknownDoc.Message);
        Write("cranqrel", "009 1 2\n");
        Assert.Contains("query 009", Assert.Throws<CranfieldFormatException>(() => TestCollection.Load(_directory)).Message);
        File.Delete(Path.Combine(_directory, "cran.qry"));
        Assert.Contains("query (*.qry)", Assert.Throws<CranfieldFormatException>(() => TestCollection.Load(_directory)).Message);
        Assert.Throws<DirectoryNotFoundException>(() => TestCollection.Load(Path.Combine(_directory, "absent")));
    }

    [Fact]
    public void The_shipped_collection_has_sixty_documents_fifteen_queries_and_graded_judgments()
    {
        var collection = TestCollection.Shipped();
        Assert.True(collection.Documents.Count >= 60);
        Assert.True(collection.Queries.Count >= 15);
        Assert.All(collection.Queries, q => Assert.True(RankingGrades(collection, q.Id).Count(g => g > 0) >= 3, $"query {q.Id} has fewer than three relevant documents"));
        Assert.Contains(collection.Judgments, j => j.Grade == 2);
        Assert.Contains(collection.Judgments, j => j.Grade == 1);
        Assert.All(collection.Judgments, j => Assert.InRange(j.Grade, 0, 2));
    }

    private static IEnumerable<int> RankingGrades(TestCollection collection, string query) => collection.Grades(query).Values;
}
