namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>
/// One cell of the evolution matrix: the container file written with <paramref name="WriterVersion"/>, read
/// with <paramref name="ReaderVersion"/>. <paramref name="Predicted"/> is the compatibility checker's
/// verdict; <paramref name="Readable"/> is what Apache.Avro actually did with every record of the file.
/// </summary>
public sealed record MatrixCell(int ReaderVersion, int WriterVersion, bool Predicted, bool Readable, int RecordsRead, string? Error);
