using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.RegularExpressions;

namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>
/// The coordinator's durable decision log: an append-only text file, one record per line,
/// <c>crc32 kind transfer-id participants</c>. A commit record is flushed to disk (fsync) before the
/// coordinator sends any COMMIT PREPARED, so the decision survives a coordinator crash. Abort and end
/// records are not forced: under presumed abort a lost abort record means the same as an abort, and a
/// lost end record only makes recovery look at a finished transfer once more.
/// <para>On open, a torn last line (no newline, or a bad checksum on the last line) is what a crash in
/// the middle of an append leaves: it is cut off, since its decision was never acknowledged. A bad line
/// anywhere before the last is corruption and stops recovery with the line and byte offset.</para>
/// <para>A log belongs to one coordinator, named by the file (<see cref="CoordinatorId"/>, part of every GID it
/// creates). Opening it takes an exclusive lock on <c>&lt;log&gt;.lock</c> (flock, which the kernel drops when the
/// holder dies): while a coordinator process lives, nobody else can open its log, so no recovery can presume an
/// abort for a transaction that coordinator is still deciding.</para>
/// </summary>
public sealed partial class DecisionLog : IDisposable
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex CoordinatorIdPattern();

    private readonly FileStream _stream;
    private readonly FileStream? _lock;
    private readonly Dictionary<string, Decision> _decisions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ended = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);

    private DecisionLog(string path, FileStream stream, FileStream? ownership, int tornBytes)
    {
        FilePath = path;
        _stream = stream;
        _lock = ownership;
        TornBytesDiscarded = tornBytes;
        CoordinatorId = System.IO.Path.GetFileNameWithoutExtension(path);
    }

    public string FilePath { get; }

    /// <summary>The coordinator this log belongs to: the file name without extension (letters, digits, '-', '_').</summary>
    public string CoordinatorId { get; }

    /// <summary>Bytes of a torn last record cut off when the log was opened.</summary>
    public int TornBytesDiscarded { get; }

    /// <summary>Commit records forced to disk so far (one fsync each).</summary>
    public int ForcedWrites { get; private set; }

    /// <summary>Opens (or creates) the log as its coordinator — taking its exclusive lock — replays its records and cuts
    /// off a torn tail. Throws <see cref="DecisionLogHeldException"/> while a live coordinator holds it.</summary>
    public static DecisionLog Open(string path) => Open(path, takeOwnership: true);

    /// <summary>Reads and appends to the log without its lock. Only for <see cref="TwoPhaseCommitBug.ResolverIgnoresLiveCoordinator"/>:
    /// a recovery that does this can presume an abort for a transaction a live coordinator is about to commit.</summary>
    internal static DecisionLog OpenWithoutOwnership(string path) => Open(path, takeOwnership: false);

    private static DecisionLog Open(string path, bool takeOwnership)
    {
        var id = System.IO.Path.GetFileNameWithoutExtension(path);
        if (!CoordinatorIdPattern().IsMatch(id))
            throw new ArgumentException($"Decision log '{path}': its file name '{id}' names the coordinator in every GID, so it must be 1–40 letters, digits, '-' or '_'.", nameof(path));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        FileStream? ownership = null;
        if (takeOwnership)
        {
            try
            {
                ownership = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e)
            {
                throw new DecisionLogHeldException(path, e);
            }
        }
        FileStream? stream = null;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            var records = new List<(Decision Kind, string Id)>();
            var validLength = Parse(path, bytes, records);
            if (validLength < bytes.Length && takeOwnership)
            {
                stream.SetLength(validLength);
                stream.Flush(flushToDisk: true);
            }
            stream.Seek(0, SeekOrigin.End);
            var log = new DecisionLog(path, stream, ownership, bytes.Length - validLength);
            foreach (var (kind, transferId) in records) log.Apply(kind, transferId);
            return log;
        }
        catch
        {
            stream?.Dispose();
            ownership?.Dispose();
            throw;
        }
    }

    /// <summary>The logged decision for a transfer, or null (which recovery treats as abort).</summary>
    public Decision? DecisionFor(string transferId) => _decisions.TryGetValue(transferId, out var d) ? d : null;

    public bool IsEnded(string transferId) => _ended.Contains(transferId);

    /// <summary>Transfers decided commit whose end record is missing: recovery must finish them.</summary>
    public IReadOnlyList<string> CommittedNotEnded =>
        _decisions.Where(kv => kv.Value == Decision.Commit && !_ended.Contains(kv.Key)).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();

    /// <summary>A coordinator of this process is running the protocol for the transfer: recovery must leave it alone.</summary>
    public void MarkInFlight(string transferId) => _inFlight.Add(transferId);

    public void ClearInFlight(string transferId) => _inFlight.Remove(transferId);

    /// <summary>Whether a coordinator of this process is still deciding the transfer.</summary>
    public bool IsInFlight(string transferId) => _inFlight.Contains(transferId);

    public void Append(Decision decision, string transferId, IReadOnlyList<int> participants)
    {
        if (transferId.Any(char.IsWhiteSpace)) throw new ArgumentException($"Transfer id '{transferId}' must not contain whitespace.", nameof(transferId));
        WriteRecord(decision, transferId, participants);
        if (decision == Decision.Commit) ForcedWrites++;
        Apply(decision, transferId);
    }

    /// <summary>Appends one line <c>crc32 kind transfer-id participants</c> (the CRC-32 in 8 hex digits, over the rest of
    /// the line) and makes a commit record durable before returning: that fsync is the commit point of the whole
    /// distributed transaction. Abort and end records need no fsync.</summary>
    internal void WriteRecord(Decision decision, string transferId, IReadOnlyList<int> participants)
    {
        #region Exercise 1.1.3-2a: append a checksummed decision record and force commit decisions to disk (tests: DecisionLogTests.Decisions_survive_reopening_the_log, DecisionLogTests.A_torn_last_record_is_cut_off_and_its_decision_never_counts, DecisionLogTests.A_corrupt_record_before_the_end_stops_recovery_with_its_line_and_offset)
        var body = $"{Code(decision)} {transferId} {string.Join(',', participants.Select(p => p.ToString(CultureInfo.InvariantCulture)))}";
        var crc = Crc32.HashToUInt32(Encoding.UTF8.GetBytes(body));
        _stream.Write(Encoding.UTF8.GetBytes($"{crc:x8} {body}\n"));
        _stream.Flush(flushToDisk: decision == Decision.Commit);
        #endregion
    }

    private void Apply(Decision decision, string id)
    {
        if (decision == Decision.End) _ended.Add(id);
        else _decisions[id] = decision;
    }

    private static char Code(Decision d) => d switch { Decision.Commit => 'C', Decision.Abort => 'A', _ => 'E' };

    /// <summary>Parses the records; returns the length of the valid prefix (everything but a torn last line).</summary>
    private static int Parse(string path, byte[] bytes, List<(Decision, string)> records)
    {
        var offset = 0;
        var line = 0;
        while (offset < bytes.Length)
        {
            line++;
            var newline = Array.IndexOf(bytes, (byte)'\n', offset);
            if (newline < 0) return offset; // torn: the crash came before the newline
            var isLast = newline == bytes.Length - 1;
            var text = Encoding.UTF8.GetString(bytes, offset, newline - offset);
            var problem = TryParse(text, out var record);
            if (problem is not null)
            {
                if (isLast) return offset; // torn within the last record
                throw new DecisionLogCorruptException(path, line, offset, problem);
            }
            records.Add(record);
            offset = newline + 1;
        }
        return offset;
    }

    private static string? TryParse(string text, out (Decision, string) record)
    {
        record = default;
        var parts = text.Split(' ');
        if (parts.Length != 4) return $"expected 'crc kind transfer-id participants', got {parts.Length} fields";
        if (!uint.TryParse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var crc)) return $"'{parts[0]}' is not a hexadecimal CRC-32";
        var body = text[(parts[0].Length + 1)..];
        if (Crc32.HashToUInt32(Encoding.UTF8.GetBytes(body)) != crc) return "checksum mismatch";
        Decision? kind = parts[1] switch { "C" => Decision.Commit, "A" => Decision.Abort, "E" => Decision.End, _ => null };
        if (kind is null) return $"unknown record kind '{parts[1]}' (expected C, A or E)";
        record = (kind.Value, parts[2]);
        return null;
    }

    public void Dispose()
    {
        _stream.Dispose();
        _lock?.Dispose();
    }
}
