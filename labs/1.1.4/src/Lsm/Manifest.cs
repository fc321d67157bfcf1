using System.Buffers.Binary;
using StatelessMind.Labs.Storage.Lsm.Files;

namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// The list of live tables, the next file number, the oldest WAL still needed and the last sequence number written
/// to a table. Written whole to MANIFEST.tmp, fsynced, and renamed over MANIFEST, then the directory is fsynced, so
/// a crash leaves either the old or the new manifest, never a mix.
/// Layout: <c>"SMMANIF2" | u32 payload length | u32 CRC-32C of the payload | payload</c>.
/// </summary>
internal sealed record Manifest(long NextFileNumber, long LogNumber, long LastSequence, IReadOnlyList<TableMeta> Tables)
{
    public const string FileName = "MANIFEST";
    public const string TempName = "MANIFEST.tmp";
    private static readonly byte[] Magic = "SMMANIF2"u8.ToArray();

    public static Manifest Empty { get; } = new(1, 0, 0, []);

    public static Manifest? Read(IFileSystem files, string directory)
    {
        var path = System.IO.Path.Combine(directory, FileName);
        if (!files.Exists(path)) return null;
        var data = files.ReadAllBytes(path);
        if (data.Length < 16 || !data.AsSpan(0, 8).SequenceEqual(Magic)) throw new CorruptionException(path, 0, "not a manifest of this format (bad magic)");
        var length = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(8));
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(12));
        if (length < 0 || length != data.Length - 16) throw new CorruptionException(path, 8, $"manifest length {length} does not match the file ({data.Length - 16} bytes of payload)");
        if (Crc32C.Compute(data.AsSpan(16)) != crc) throw new CorruptionException(path, 16, "manifest payload fails its CRC-32C");
        using var reader = new BinaryReader(new MemoryStream(data, 16, length));
        try
        {
            var next = reader.ReadInt64();
            var log = reader.ReadInt64();
            var sequence = reader.ReadInt64();
            var count = reader.ReadInt32();
            if (count < 0) throw new CorruptionException(path, 16 + 24, $"table count {count}");
            var tables = new List<TableMeta>(count);
            for (var i = 0; i < count; i++)
            {
                var number = reader.ReadInt64();
                var level = reader.ReadInt32();
                var size = reader.ReadInt64();
                var entries = reader.ReadInt64();
                var smallest = reader.ReadBytes(reader.ReadInt32());
                var largest = reader.ReadBytes(reader.ReadInt32());
                tables.Add(new TableMeta(number, level, size, entries, smallest, largest));
            }
            if (reader.BaseStream.Position != reader.BaseStream.Length) throw new CorruptionException(path, 16 + reader.BaseStream.Position, "bytes after the last table");
            return new Manifest(next, log, sequence, tables);
        }
        catch (EndOfStreamException)
        {
            throw new CorruptionException(path, 16, "manifest payload passed its CRC but ends in the middle of a field");
        }
    }

    /// <summary>Replaces the manifest atomically and durably. <paramref name="crashAt"/> may stop it after the temporary file is written.</summary>
    public void Write(IFileSystem files, string directory, Func<string, bool>? crashAt)
    {
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(NextFileNumber);
            w.Write(LogNumber);
            w.Write(LastSequence);
            w.Write(Tables.Count);
            foreach (var t in Tables)
            {
                w.Write(t.FileNumber);
                w.Write(t.Level);
                w.Write(t.FileSize);
                w.Write(t.Entries);
                w.Write(t.Smallest.Length);
                w.Write(t.Smallest);
                w.Write(t.Largest.Length);
                w.Write(t.Largest);
            }
        }
        var body = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        var header = new byte[16];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), body.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), Crc32C.Compute(body));
        var temp = System.IO.Path.Combine(directory, TempName);
        if (files.Exists(temp)) files.Delete(temp);
        using (var f = files.Create(temp, buffered: false))
        {
            f.Append(header);
            f.Append(body);
            f.Sync();
        }
        if (crashAt?.Invoke(CrashPoints.ManifestTempWritten) == true) throw new SimulatedCrashException(CrashPoints.ManifestTempWritten);
        files.Rename(temp, System.IO.Path.Combine(directory, FileName));
        files.SyncDirectory(directory);
    }
}
