using System.Xml.Linq;

namespace StatelessMind.Runner.Exercises;

/// <summary>Reads the results of a VSTest TRX file (what <c>dotnet test --logger trx</c> writes).</summary>
public static class TrxFile
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static IReadOnlyList<TestCaseResult> Read(string path)
    {
        XDocument doc;
        try
        {
            doc = XDocument.Load(path);
        }
        catch (System.Xml.XmlException e)
        {
            throw new FormatException($"{path}: not a TRX file ({e.Message}).", e);
        }
        var methods = doc.Descendants(Ns + "UnitTest").ToDictionary(
            u => (string?)u.Attribute("id") ?? "",
            u => u.Element(Ns + "TestMethod") is { } m ? $"{(string?)m.Attribute("className")}.{(string?)m.Attribute("name")}" : (string?)u.Attribute("name") ?? "");
        return doc.Descendants(Ns + "UnitTestResult").Select(r =>
        {
            var name = (string?)r.Attribute("testName") ?? "";
            var method = methods.GetValueOrDefault((string?)r.Attribute("testId") ?? "") ?? StripArguments(name);
            var outcome = (string?)r.Attribute("outcome") switch
            {
                "Passed" => TestOutcome.Passed,
                "NotExecuted" or "Inconclusive" or "Pending" or "Disconnected" => TestOutcome.Skipped,
                _ => TestOutcome.Failed,
            };
            var message = r.Descendants(Ns + "Message").FirstOrDefault()?.Value;
            return new TestCaseResult(name, method, outcome, FirstLine(message));
        }).ToList();
    }

    private static string StripArguments(string name) => name.IndexOf('(', StringComparison.Ordinal) is var i and >= 0 ? name[..i] : name;

    private static string? FirstLine(string? text) =>
        text?.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
}
