using Avro.Generic;

namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>
/// Writes one Avro object container file per schema version and reads each with every version as the
/// reader schema, recording what the checker predicted and what Apache.Avro did.
/// </summary>
public sealed class EvolutionMatrix
{
    private EvolutionMatrix(IReadOnlyList<SchemaVersion> versions, IReadOnlyList<MatrixCell> cells, IReadOnlyDictionary<int, string> files)
    {
        Versions = versions;
        Cells = cells;
        Files = files;
    }

    public IReadOnlyList<SchemaVersion> Versions { get; }
    public IReadOnlyList<MatrixCell> Cells { get; }

    /// <summary>Writer version → the container file written with it.</summary>
    public IReadOnlyDictionary<int, string> Files { get; }

    public MatrixCell this[int reader, int writer] => Cells.Single(c => c.ReaderVersion == reader && c.WriterVersion == writer);

    /// <param name="versions">The schema history.</param>
    /// <param name="directory">Where the container files go.</param>
    /// <param name="recordsPerFile">Records written with each version.</param>
    /// <param name="bug">A deliberate mistake for the checker whose predictions are recorded (tests only).</param>
    public static EvolutionMatrix Build(IReadOnlyList<SchemaVersion> versions, DirectoryInfo directory, int recordsPerFile, CheckerBug bug = CheckerBug.None)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(directory);
        directory.Create();
        var files = new Dictionary<int, string>();
        foreach (var v in versions)
        {
            var path = Path.Combine(directory.FullName, $"customers.v{v.Version}.avro");
            using var output = File.Create(path);
            AvroReaders.WriteContainer(output, v.Schema, CustomerSamples.For(v, recordsPerFile));
            files[v.Version] = path;
        }

        var cells = new List<MatrixCell>();
        // Every version's file read with every version's schema, beside the checker's prediction for the pair.
        foreach (var reader in versions)
        {
            foreach (var writer in versions)
            {
                var predicted = AvroCompatibility.CanRead(reader.Schema, writer.Schema, bug);
                using var input = File.OpenRead(files[writer.Version]);
                try
                {
                    List<GenericRecord> records = AvroReaders.ReadContainer(input, reader.Schema);
                    cells.Add(new MatrixCell(reader.Version, writer.Version, predicted, true, records.Count, null));
                }
                catch (Avro.AvroException e)
                {
                    cells.Add(new MatrixCell(reader.Version, writer.Version, predicted, false, 0, e.Message.Length > 160 ? e.Message[..160] + "…" : e.Message));
                }
            }
        }
        return new EvolutionMatrix(versions, cells, files);
    }

    /// <summary>The matrix as text: rows are readers, columns writers, ✔ readable, ✘ not.</summary>
    public string Render()
    {
        var lines = new List<string> { "reader\\writer " + string.Join(" ", Versions.Select(v => $"v{v.Version}")) };
        foreach (var r in Versions)
            lines.Add($"v{r.Version,-12} " + string.Join("  ", Versions.Select(w => this[r.Version, w.Version].Readable ? "✔" : "✘")));
        return string.Join(Environment.NewLine, lines);
    }
}
