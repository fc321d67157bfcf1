using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.Encoding.Evolution;

namespace StatelessMind.Labs.Encoding.Experiments;

/// <summary>
/// 1.1.5-1: the Customer schema through eight versions. Every version's container file is read by every
/// version; the compatibility checker's prediction is compared with what Apache.Avro did; registries in
/// several modes accept the history or refuse breaking changes; the specification's promotions and decimal rule
/// are tried on the checker, on Apache.Avro alone and on the lab's reader; Protobuf's contrast is checked.
/// </summary>
/// <param name="bug">A deliberate mistake for the compatibility checker (tests only): the checks must then fail.</param>
public sealed class SchemaEvolutionExperiment(CheckerBug bug) : IExperiment
{
    public SchemaEvolutionExperiment() : this(CheckerBug.None) { }

    public string GoalId => "1.1.5-1";
    public string Title => "Avro schema evolution: every version reads every version";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var versions = SchemaHistory.Customer;
        var records = context.Size(200, 5_000);
        var b = new FindingBuilder(GoalId, Title);

        context.Report(0.05, $"writing {versions.Count} container files of {records:N0} records and reading each with every version");
        var matrix = EvolutionMatrix.Build(versions, new DirectoryInfo(Path.Combine(context.OutputDirectory.FullName, "evolution-files")), records, bug);
        var agree = matrix.Cells.Count(c => c.Predicted == c.Readable);
        var readable = matrix.Cells.Count(c => c.Readable);
        var newerReadsOlder = matrix.Cells.Where(c => c.ReaderVersion >= c.WriterVersion).All(c => c.Readable);
        // The FULL steps of the history: adding a defaulted field (v2), removing one (v3), a symbol the old enum's default absorbs (v8).
        (int Reader, int Writer)[] fullSteps = [(1, 2), (2, 3), (1, 3), (7, 8)];
        var olderReadsNewer = fullSteps.All(p => matrix[p.Reader, p.Writer].Readable);
        b.Figure("checker agrees with Apache.Avro", agree, $"of {matrix.Cells.Count} cells", key: true, target: $"{matrix.Cells.Count}")
         .Figure("readable reader/writer pairs", readable, $"of {matrix.Cells.Count}")
         .Table(FindingTable.Of("Container file written with v(column) read with v(row): ✔ every record read, ✘ refused",
             ["reader \\ writer", .. versions.Select(v => $"v{v.Version}")],
             versions.Select(r => new object?[] { $"v{r.Version}" }.Concat(versions.Select(w => (object?)(matrix[r.Version, w.Version].Readable ? "✔" : "✘"))))))
         .Check(agree == matrix.Cells.Count, "the checker's prediction matches what Apache.Avro did for every reader/writer pair")
         .Check(newerReadsOlder, "every version reads the data of every older version (BACKWARD_TRANSITIVE)")
         .Check(olderReadsNewer, "old readers read the new data of the FULL steps: v1 and v2 read v3, v1 reads v2, v7 reads v8")
         .Check(matrix.Cells.Where(c => c.Readable).All(c => c.RecordsRead == records), "a readable file is read completely");

        context.Report(0.5, "classifying each step and running registries");
        var steps = versions.Skip(1).Select(v =>
        {
            var previous = versions[v.Version - 2];
            var backward = AvroCompatibility.Check(v.Schema, previous.Schema, bug);
            var forward = AvroCompatibility.Check(previous.Schema, v.Schema, bug);
            return new object?[] { $"v{previous.Version}→v{v.Version}", v.Change[(v.Change.IndexOf(':', StringComparison.Ordinal) + 2)..],
                backward.Count == 0 ? "yes" : "no", forward.Count == 0 ? "yes" : "no", forward.FirstOrDefault()?.ToString() ?? "" };
        }).ToList();
        b.Table(FindingTable.Of("Each step", ["step", "change", "BACKWARD", "FORWARD", "why not FORWARD"], steps));

        var transitive = new SchemaRegistry("customer-value", CompatibilityMode.BackwardTransitive);
        foreach (var v in versions) transitive.Register(v.Schema, v.Change);
        b.Check(transitive.Versions.Count == versions.Count, "a BACKWARD_TRANSITIVE registry accepts v1 … v8");

        var full = new SchemaRegistry("customer-value", CompatibilityMode.Full);
        string? fullRejection = null;
        foreach (var v in versions)
        {
            try { full.Register(v.Schema, v.Change); }
            catch (IncompatibleSchemaException e) { fullRejection = $"v{v.Version}: {e.Violations[0]}"; break; }
        }
        b.Check(full.Versions.Count == 3 && fullRejection is not null, "a FULL registry accepts v1 … v3 and refuses v4 (the rename cannot be read by v3)");

        var rejected = new List<object?[]>();
        foreach (var change in BreakingChanges.All)
        {
            var violations = transitive.Test(change.Schema);
            rejected.Add([change.Name, change.Description, violations.Count > 0 ? "rejected" : "ACCEPTED", violations.FirstOrDefault()?.Problems[0].ToString() ?? ""]);
        }
        var rejectedCount = rejected.Count(r => (string)r[2]! == "rejected");
        b.Figure("breaking changes rejected", rejectedCount, $"of {rejected.Count}", key: true, target: $"{rejected.Count}")
         .Table(FindingTable.Of("Breaking changes proposed as v9 (BACKWARD_TRANSITIVE)", ["change", "what", "registry", "first problem (path: reason)"], rejected))
         .Check(rejectedCount == rejected.Count, "every breaking change is rejected with the path of the offending field");

        context.Report(0.7, "type promotions and decimals: the checker, Apache.Avro alone, the lab's reader");
        var promotions = Promotions.Run(bug);
        b.Table(FindingTable.Of("One field written with one type and read with another", ["writer → reader", "checker", "Apache.Avro 1.12.2 alone", "the lab's reader"],
            promotions.Select(o => new object?[] { o.Case.Name, o.Approved ? "compatible" : "refused: " + o.CheckerSays, o.LibraryAlone, o.LabReader })));
        var approved = promotions.Count(o => o.Approved);
        var libraryGap = promotions.Where(o => o.Approved && !o.LibraryAloneCorrect).Select(o => o.Case.Name).ToList();
        b.Figure("approved pairs the lab's reader reads correctly", promotions.Count(o => o.Approved && o.LabReaderCorrect), $"of {approved}")
         .Check(promotions.All(o => o.Holds), "the lab's reader reads every type pair the checker approves as the specification says, string ↔ bytes included" +
             (promotions.Any(o => !o.Holds) ? $" (not: {string.Join(", ", promotions.Where(o => !o.Holds).Select(o => o.Case.Name))})" : ""))
         .Check(promotions.Where(o => o.Case.Name.StartsWith("decimal", StringComparison.Ordinal) && o.Case.ReaderType != o.Case.WriterType).All(o => !o.Approved),
             "the checker refuses a decimal read with another precision or scale");
        if (libraryGap.Count > 0)
            b.Note($"Apache.Avro 1.12.2 on its own does not read {string.Join(", ", libraryGap)}; the lab's reader re-states the writer's string/bytes as the reader's type first (WriterSchemaResolution).");

        context.Report(0.8, "Protobuf contrast");
        var (old, downstream) = ProtobufEvolution.PassThroughOldService(ProtobufEvolution.SampleV2(), "renamed by a v1 service");
        var preserved = downstream.Phone?.Number == "+31 20 555 0101" && downstream.Country == "NL" && downstream.FullName == "renamed by a v1 service";
        var lostDouble = ProtobufEvolution.ReadInPlaceDoubleWithOldReader(4.75).Score == 0f;
        var reuse = await ProtobufEvolution.CompileAsync("reuse.proto",
            "syntax = \"proto3\";\nmessage Customer {\n  reserved 5;\n  int64 id = 1;\n  string nickname = 5;\n}\n", cancellationToken);
        b.Check(preserved, "Protobuf: a v1 service re-serializing v2 data keeps the fields it does not know (unknown-field preservation)")
         .Check(lostDouble, "Protobuf: float→double in place is silently lost by old readers (wire type fixed32 → fixed64)")
         .Check(!reuse.Succeeded && reuse.StandardError.Contains("reserved", StringComparison.OrdinalIgnoreCase), "Protobuf: protoc refuses a field that reuses a reserved number")
         .Note($"Protobuf: the v1 service kept {ProtobufEvolution.UnknownFieldBytes(old)} bytes of unknown fields; protoc said: {reuse.StandardError.Split('\n')[0].Trim()}");
        if (fullRejection is not null) b.Note($"FULL registry: {fullRejection}");

        var plot = new ScottPlot.Plot();
        var n = versions.Count;
        var grid = new double[n, n];
        for (var r = 0; r < n; r++)
            for (var w = 0; w < n; w++)
                grid[n - 1 - r, w] = matrix[r + 1, w + 1].Readable ? 1 : 0;
        var heatmap = plot.Add.Heatmap(grid);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Title("Readable (yellow) reader/writer pairs");
        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        var names = versions.Select(v => $"v{v.Version}").ToArray();
        plot.Axes.Bottom.SetTicks(positions, names);
        plot.Axes.Left.SetTicks(positions, names);
        plot.XLabel("writer version");
        plot.YLabel("reader version");
        b.Plot(context.SavePlot(plot, "evolution-matrix.png", "Which reader version (rows) reads which writer version's file (columns)", 700, 600));

        context.Report(1, "done");
        return b.Build($"{readable} of {matrix.Cells.Count} reader/writer pairs of the {versions.Count} versions were readable, and the checker's prediction matched " +
                       $"Apache.Avro in {agree} of them; {rejectedCount} of {rejected.Count} proposed breaking changes were rejected; " +
                       $"the lab's reader read {promotions.Count(o => o.Approved && o.LabReaderCorrect)} of the {approved} type pairs the checker approved.");
    }
}
