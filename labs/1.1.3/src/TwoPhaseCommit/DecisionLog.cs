using System.Globalization;
using System.IO.Hashing;
using System.Text;

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
/// </summary>
public sealed class DecisionLog : IDisposable
{
    private readonly FileStream _stream;
    private readonly Dictionary<string, Decision> _decisions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ended = new(StringComparer.Ordinal);

    private DecisionLog(string path, FileStream stream, int tornBytes)
    {
        FilePath = path;
        _stream = stream;
        TornBytesDiscarded = tornBytes;
    }

    public string FilePath { get; }

    /// <summary>Bytes of a torn last record cut off when the log was opened.</summary>
    public int TornBytesDiscarded { get; }

    /// <summary>Commit records forced to disk so far (one fsync each).</summary>
    public int ForcedWrites { get; private set; }

    /// <summary>Opens (or creates) the log, replays its records and cuts off a torn tail.</summary>
    public static DecisionLog Open(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            var records = new List<(Decision Kind, string Id)>();
            var validLength = Parse(path, bytes, records);
            if (validLength < bytes.Length)
            {
                stream.SetLength(validLength);
                stream.Flush(flushToDisk: true);
            }
            stream.Seek(0, SeekOrigin.End);
            var log = new DecisionLog(path, stream, bytes.Length - validLength);
            foreach (var (kind, id) in records) log.Apply(kind, id);
            return log;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The logged decision for a transfer, or null (which recovery treats as abort).</summary>
    public Decision? DecisionFor(string transferId) => _decisions.TryGetValue(transferId, out var d) ? d : null;

    public bool IsEnded(string transferId) => _ended.Contains(transferId);

    /// <summary>Transfers decided commit whose end record is missing: recovery must finish them.</summary>
    public IReadOnlyList<string> CommittedNotEnded =>
        _decisions.Where(kv => kv.Value == Decision.Commit && !_ended.Contains(kv.Key)).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();

    public void Append(Decision decision, string transferId, IReadOnlyList<int> participants)
    {
        if (transferId.Any(char.IsWhiteSpace)) throw new ArgumentException($"Transfer id '{transferId}' must not contain whitespace.", nameof(transferId));
        #region Exercise 1.1.3-2: append a checksummed decision record and force commit decisions to disk
        var body = $"{Code(decision)} {transferId} {string.Join(',', participants.Select(p => p.ToString(CultureInfo.InvariantCulture)))}";
        var crc = Crc32.HashToUInt32(Encoding.UTF8.GetBytes(body));
        _stream.Write(Encoding.UTF8.GetBytes($"{crc:x8} {body}\n"));
        // The commit point of the whole distributed transaction is this fsync.
        _stream.Flush(flushToDisk: decision == Decision.Commit);
        if (decision == Decision.Commit) ForcedWrites++;
        #endregion
        Apply(decision, transferId);
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

    public void Dispose() => _stream.Dispose();
}
