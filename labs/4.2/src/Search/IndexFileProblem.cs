namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>What is wrong with an index file.</summary>
public enum IndexFileProblem
{
    /// <summary>The file does not start with the index's magic bytes: it is not an index file.</summary>
    NotAnIndex,

    /// <summary>The file is of a format version this code does not read.</summary>
    UnsupportedVersion,

    /// <summary>The file is shorter than its header says (cut off while written or copied).</summary>
    Truncated,

    /// <summary>The file is longer than its header says.</summary>
    TrailingBytes,

    /// <summary>The CRC-32 of the contents does not match the one stored at the end: some byte changed.</summary>
    ChecksumMismatch,

    /// <summary>The checksum matches but the contents do not parse (written by a faulty writer).</summary>
    Malformed,
}
