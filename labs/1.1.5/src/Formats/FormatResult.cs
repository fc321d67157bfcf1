namespace StatelessMind.Labs.Encoding.Formats;

/// <summary>What one format measured on one record set (times are medians over several passes).</summary>
public sealed record FormatResult(
    string Format,
    int Records,
    double EncodeNsPerRecord,
    double DecodeNsPerRecord,
    double EncodeAllocatedBytesPerRecord,
    double DecodeAllocatedBytesPerRecord,
    long RawBytes,
    long GzipBytes,
    long BrotliBytes,
    bool RoundTripExact)
{
    public double BytesPerRecord => (double)RawBytes / Records;
    public double EncodeMegabytesPerSecond => RawBytes / 1e6 / (EncodeNsPerRecord * Records / 1e9);
    public double DecodeMegabytesPerSecond => RawBytes / 1e6 / (DecodeNsPerRecord * Records / 1e9);
}
