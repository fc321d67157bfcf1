using System.Globalization;

namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>
/// A WAL segment file name, <c>TTTTTTTTXXXXXXXXYYYYYYYY</c>: timeline, then the segment number split in
/// two (segments per 4 GiB "log id", and the segment within it), all hex. With 16 MiB segments the
/// segment holding LSN <c>X/YYZZZZZZ</c> on timeline 1 is <c>00000001 0000000X 000000YY</c>.
/// </summary>
public readonly record struct WalSegmentName(uint Timeline, ulong Number, ulong SegmentSize)
{
    public const ulong DefaultSegmentSize = 16UL << 20;

    private ulong SegmentsPerLogId => 0x1_0000_0000UL / SegmentSize;

    public static bool TryParse(string name, ulong segmentSize, out WalSegmentName segment)
    {
        segment = default;
        if (name.Length != 24 || !name.All(Uri.IsHexDigit)) return false;
        var tli = uint.Parse(name.AsSpan(0, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var log = ulong.Parse(name.AsSpan(8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var seg = ulong.Parse(name.AsSpan(16, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        segment = new WalSegmentName(tli, log * (0x1_0000_0000UL / segmentSize) + seg, segmentSize);
        return true;
    }

    public static WalSegmentName Parse(string name, ulong segmentSize = DefaultSegmentSize) =>
        TryParse(name, segmentSize, out var s) ? s : throw new FormatException($"'{name}' is not a WAL segment name (24 hex digits).");

    /// <summary>The segment that holds <paramref name="lsn"/> on <paramref name="timeline"/>.</summary>
    public static WalSegmentName Containing(ulong lsn, uint timeline = 1, ulong segmentSize = DefaultSegmentSize) => new(timeline, lsn / segmentSize, segmentSize);

    public ulong StartLsn => Number * SegmentSize;
    public WalSegmentName Next => this with { Number = Number + 1 };

    public override string ToString() =>
        $"{Timeline:X8}{Number / SegmentsPerLogId:X8}{Number % SegmentsPerLogId:X8}";
}
