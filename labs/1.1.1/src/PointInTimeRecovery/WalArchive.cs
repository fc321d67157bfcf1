using System.Buffers.Binary;
using StatelessMind.Labs.Reliability.FaultInjection;

namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>
/// A folder of archived WAL segments, and a verifier that walks it the way recovery will: the segments
/// must follow each other without a gap from the base backup's first one, every page header must carry
/// the right magic, address and timeline, and every record must link back to the previous one
/// (<c>xl_prev</c>) and match its CRC-32C. A failure names the segment (and the LSN), so a restore can
/// refuse up front instead of PostgreSQL silently taking a hole in the archive for the end of WAL.
/// </summary>
public sealed class WalArchive(string directory)
{
    // PostgreSQL's WAL layout (access/xlog_internal.h, access/xlogrecord.h).
    private const int ShortPageHeader = 24;  // MAXALIGN(sizeof(XLogPageHeaderData))
    private const int LongPageHeader = 40;   // MAXALIGN(sizeof(XLogLongPageHeaderData))
    private const int RecordHeader = 24;     // SizeOfXLogRecord: tot_len, xid, prev, info, rmid, 2 pad, crc
    private const ushort FirstIsContRecord = 0x0001;
    private const ushort LongHeaderFlag = 0x0002;
    private const ushort AllPageFlags = 0x000F;
    private const byte RmXlog = 0;
    private const byte XlogSwitch = 0x40;

    public string Directory { get; } = directory;

    /// <summary>The segment files of a timeline, in order.</summary>
    public IReadOnlyList<WalSegmentName> Segments(uint timeline = 1) =>
        System.IO.Directory.EnumerateFiles(Directory)
            .Select(Path.GetFileName)
            .Select(n => WalSegmentName.TryParse(n!, WalSegmentName.DefaultSegmentSize, out var s) ? s : (WalSegmentName?)null)
            .Where(s => s is { } x && x.Timeline == timeline)
            .Select(s => s!.Value)
            .OrderBy(s => s.Number)
            .ToList();

    public string PathOf(WalSegmentName segment) => Path.Combine(Directory, segment.ToString());

    /// <summary>Verifies every segment from <paramref name="first"/> to the newest one of its timeline.</summary>
    public WalArchiveReport Verify(WalSegmentName first, CancellationToken cancellationToken = default) =>
        new Walker(this, ConsecutiveSegments(first)).Run(cancellationToken);

    /// <summary>
    /// The segments of <paramref name="first"/>'s timeline from it to the newest one, in order, which must follow each other
    /// without a gap; otherwise a <see cref="WalSegmentMissingException"/> naming the first segment that is missing.
    /// </summary>
    public IReadOnlyList<WalSegmentName> ConsecutiveSegments(WalSegmentName first)
    {
        #region Exercise 1.1.1-4c: the archive must hold first, first+1, … up to its newest segment without a gap; name the first missing segment (tests: WalArchiveTests.A_missing_segment_is_named_before_any_restore)
        var segments = Segments(first.Timeline).Where(s => s.Number >= first.Number).ToList();
        if (segments.Count == 0 || segments[0].Number != first.Number)
            throw new WalSegmentMissingException(first.ToString(), Directory, "the base backup starts in it");
        for (var i = 1; i < segments.Count; i++)
            if (segments[i].Number != segments[i - 1].Number + 1)
                throw new WalSegmentMissingException(segments[i - 1].Next.ToString(), Directory,
                    $"the archive jumps from {segments[i - 1]} to {segments[i]}");
        return segments;
        #endregion
    }

    /// <summary>Reads the WAL of consecutive segments as one stream of records, checking pages and records.</summary>
    private sealed class Walker(WalArchive archive, IReadOnlyList<WalSegmentName> segments)
    {
        private readonly ulong _start = segments[0].StartLsn;
        private readonly ulong _end = segments[^1].StartLsn + segments[^1].SegmentSize;
        private readonly HashSet<ulong> _checkedPages = [];
        private (ulong Number, byte[] Bytes)? _cached;
        private ushort _magic;
        private ulong _systemId;
        private uint _blockSize = 8192;
        private long _records;
        private ulong _lastRecord;

        public WalArchiveReport Run(CancellationToken ct)
        {
            var first = Segment(segments[0].Number);
            _magic = BinaryPrimitives.ReadUInt16LittleEndian(first);
            _systemId = BinaryPrimitives.ReadUInt64LittleEndian(first.AsSpan(24));
            _blockSize = BinaryPrimitives.ReadUInt32LittleEndian(first.AsSpan(36));
            if (_blockSize is not (1024 or 2048 or 4096 or 8192 or 16384 or 32768))
                throw Corrupt(_start, $"the first page's long header gives an implausible block size {_blockSize}");

            var pos = _start;
            CheckPage(pos);
            var info = BinaryPrimitives.ReadUInt16LittleEndian(first.AsSpan(2));
            pos += LongPageHeader;
            if ((info & FirstIsContRecord) != 0)
            {
                // The segment begins with the tail of a record that started in the previous one: skip it.
                var remaining = BinaryPrimitives.ReadUInt32LittleEndian(first.AsSpan(16));
                if (!Skip(ref pos, remaining)) return Report();
                pos = Align(pos);
            }
            WalkRecords(pos, ct);
            return Report();
        }

        /// <summary>
        /// Reads every record from <paramref name="pos"/> to the end of the archive: its length, its back-link to the previous
        /// record (xl_prev) and its CRC-32C must be right; after an XLOG_SWITCH record the rest of the segment is unused.
        /// A failure is a <see cref="WalSegmentCorruptException"/> naming the segment and the LSN. Zeros where a record
        /// should start end the walk in the newest segment (the end of WAL), and are corruption before it.
        /// </summary>
        private void WalkRecords(ulong pos, CancellationToken ct)
        {
            #region Exercise 1.1.1-4d: walk the records: length, back-link (xl_prev) and CRC-32C (header after payload); after XLOG_SWITCH go to the next segment (tests: WalArchiveTests.The_intact_archive_passes_the_check_from_the_backup_on, WalArchiveTests.A_flipped_byte_in_a_commit_record_is_named_with_its_segment_and_LSN, WalArchiveTests.Zeros_where_a_record_should_start_are_a_hole_unless_it_is_the_newest_segment)
            ulong previous = 0;
            var header = new byte[RecordHeader];
            while (pos < _end)
            {
                ct.ThrowIfCancellationRequested();
                if (pos % _blockSize == 0)
                {
                    CheckPage(pos);
                    pos += pos % segments[0].SegmentSize == 0 ? (ulong)LongPageHeader : ShortPageHeader;
                }
                var start = pos;
                if (!Read(ref pos, header)) break; // the record continues in a segment not archived yet
                var totalLength = BinaryPrimitives.ReadUInt32LittleEndian(header);
                if (totalLength == 0)
                {
                    // Zeros where a record should be: the end of WAL. Fine in the newest segment, a hole before it.
                    if (WalSegmentName.Containing(start, segments[0].Timeline).Number == segments[^1].Number) break;
                    throw Corrupt(start, "zeros where the next record should start, before the end of the archive");
                }
                if (totalLength < RecordHeader) throw Corrupt(start, $"invalid record length {totalLength}");
                var record = new byte[totalLength];
                header.CopyTo(record, 0);
                var rest = pos;
                if (!Read(ref rest, record.AsSpan(RecordHeader))) break;
                pos = rest;
                var prev = BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(8));
                if (previous != 0 && prev != previous)
                    throw Corrupt(start, $"the record links back to {Lsn.Format(prev)}, but the previous record is at {Lsn.Format(previous)}");
                var stored = BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(20));
                var computed = Crc32C.Append(Crc32C.Compute(record.AsSpan(RecordHeader)), record.AsSpan(0, 20));
                if (stored != computed)
                    throw Corrupt(start, $"record CRC-32C mismatch (stored 0x{stored:X8}, computed 0x{computed:X8})");
                previous = start;
                Checked(start);
                pos = record[17] == RmXlog && (record[16] & 0xF0) == XlogSwitch
                    ? (start / segments[0].SegmentSize + 1) * segments[0].SegmentSize // the rest of the segment is unused
                    : Align(pos);
            }
            #endregion
        }

        /// <summary>Counts a record that passed every check.</summary>
        private void Checked(ulong record)
        {
            _records++;
            _lastRecord = record;
        }

        private WalArchiveReport Report() =>
            new(segments[0].ToString(), segments[^1].ToString(), segments.Count, _checkedPages.Count, _records, _lastRecord);

        private static ulong Align(ulong pos) => (pos + 7) & ~7UL;

        /// <summary>Copies bytes of the record stream from pos (skipping page headers); false if the archive ends first.</summary>
        private bool Read(ref ulong pos, Span<byte> destination)
        {
            var done = 0;
            while (done < destination.Length)
            {
                if (pos >= _end) return false;
                if (pos % _blockSize == 0)
                {
                    CheckPage(pos);
                    pos += pos % segments[0].SegmentSize == 0 ? (ulong)LongPageHeader : ShortPageHeader;
                }
                var bytes = Segment(pos / segments[0].SegmentSize);
                var offset = (int)(pos % segments[0].SegmentSize);
                var n = Math.Min(destination.Length - done, (int)(_blockSize - (pos % _blockSize)));
                bytes.AsSpan(offset, n).CopyTo(destination[done..]);
                done += n;
                pos += (ulong)n;
            }
            return true;
        }

        private bool Skip(ref ulong pos, uint count)
        {
            var sink = new byte[Math.Min(count, 65536u)];
            while (count > 0)
            {
                var n = (int)Math.Min(count, (uint)sink.Length);
                if (!Read(ref pos, sink.AsSpan(0, n))) return false;
                count -= (uint)n;
            }
            return true;
        }

        private void CheckPage(ulong page)
        {
            if (!_checkedPages.Add(page)) return;
            var number = page / segments[0].SegmentSize;
            var bytes = Segment(number);
            var at = (int)(page % segments[0].SegmentSize);
            var magic = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at));
            var info = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 2));
            var timeline = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
            var address = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at + 8));
            if (magic != _magic) throw Corrupt(page, $"page header magic 0x{magic:X4}, expected 0x{_magic:X4}");
            if ((info & ~AllPageFlags) != 0) throw Corrupt(page, $"page header has unknown flag bits 0x{info:X4}");
            if (address != page) throw Corrupt(page, $"page header says it is page {Lsn.Format(address)}");
            if (timeline == 0 || timeline > segments[0].Timeline) throw Corrupt(page, $"page header names timeline {timeline}");
            var isFirst = at == 0;
            if (isFirst != ((info & LongHeaderFlag) != 0)) throw Corrupt(page, "long page header flag in the wrong place");
            if (isFirst && BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(24)) != _systemId)
                throw Corrupt(page, "the segment belongs to another database system (system identifier differs)");
        }

        private byte[] Segment(ulong number)
        {
            if (_cached is { } c && c.Number == number) return c.Bytes;
            var name = segments.First(s => s.Number == number);
            var bytes = File.ReadAllBytes(archive.PathOf(name));
            if ((ulong)bytes.Length != name.SegmentSize)
                throw new WalSegmentCorruptException(name.ToString(), archive.PathOf(name), name.StartLsn + (ulong)Math.Min(bytes.Length, (long)name.SegmentSize), bytes.Length,
                    $"the file has {bytes.Length} bytes, a segment has {name.SegmentSize}");
            _cached = (number, bytes);
            return bytes;
        }

        private WalSegmentCorruptException Corrupt(ulong lsn, string detail)
        {
            var name = WalSegmentName.Containing(lsn, segments[0].Timeline, segments[0].SegmentSize);
            return new WalSegmentCorruptException(name.ToString(), archive.PathOf(name), lsn, (long)(lsn % name.SegmentSize), detail);
        }
    }
}
