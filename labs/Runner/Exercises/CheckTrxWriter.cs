using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace StatelessMind.Runner.Exercises;

/// <summary>
/// Writes the check's outcome as a TRX file, one result per lab, so that <c>make test</c>'s summary line
/// ("tests: N passed, N failed, N skipped") counts it with the other suites.
/// </summary>
public static class CheckTrxWriter
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    private const string UnitTestType = "13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b";
    private const string ListId = "8c84fa94-04c1-424b-9868-57a2d4851a1d";

    public static void Write(string path, IReadOnlyList<LabCheckResult> results)
    {
        var now = DateTimeOffset.UtcNow;
        var entries = results.Select(r => (Result: r, Name: $"ExerciseCheck.Lab_{r.Lab}", TestId: Id("test " + r.Lab), ExecutionId: Id("run " + r.Lab + now.Ticks))).ToList();
        var passed = results.Count(r => r.Passed);
        var doc = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(Ns + "TestRun", new XAttribute("id", Id("exercise-check" + now.Ticks)), new XAttribute("name", "exercise-check"),
                new XElement(Ns + "Times", new XAttribute("creation", now.ToString("o")), new XAttribute("finish", now.ToString("o"))),
                new XElement(Ns + "Results", entries.Select(e => new XElement(Ns + "UnitTestResult",
                    new XAttribute("executionId", e.ExecutionId), new XAttribute("testId", e.TestId), new XAttribute("testName", e.Name),
                    new XAttribute("computerName", Environment.MachineName), new XAttribute("duration", e.Result.Duration.ToString("c")),
                    new XAttribute("testType", UnitTestType), new XAttribute("outcome", e.Result.Passed ? "Passed" : "Failed"), new XAttribute("testListId", ListId),
                    new XElement(Ns + "Output",
                        new XElement(Ns + "StdOut", string.Join('\n', e.Result.Findings)),
                        e.Result.Passed ? null : new XElement(Ns + "ErrorInfo", new XElement(Ns + "Message",
                            string.Join('\n', e.Result.Failures.Select(f => $"{f.Step}: {f.Subject}: {f.Message}")))))))),
                new XElement(Ns + "TestDefinitions", entries.Select(e => new XElement(Ns + "UnitTest",
                    new XAttribute("name", e.Name), new XAttribute("storage", "stateless-mind exercise-check"), new XAttribute("id", e.TestId),
                    new XElement(Ns + "Execution", new XAttribute("id", e.ExecutionId)),
                    new XElement(Ns + "TestMethod", new XAttribute("codeBase", "stateless-mind"), new XAttribute("adapterTypeName", "stateless-mind exercise-check"),
                        new XAttribute("className", "ExerciseCheck"), new XAttribute("name", $"Lab_{e.Result.Lab}"))))),
                new XElement(Ns + "ResultSummary", new XAttribute("outcome", passed == results.Count ? "Completed" : "Failed"),
                    new XElement(Ns + "Counters",
                        new XAttribute("total", results.Count), new XAttribute("executed", results.Count), new XAttribute("passed", passed),
                        new XAttribute("failed", results.Count - passed), new XAttribute("error", 0), new XAttribute("timeout", 0), new XAttribute("aborted", 0),
                        new XAttribute("inconclusive", 0), new XAttribute("notExecuted", 0)))));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        doc.Save(path);
    }

    private static string Id(string seed) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16)).ToString();
}
