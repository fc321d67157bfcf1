using Avro;
using Avro.File;
using Avro.Generic;
using Avro.IO;
using Avro.Specific;

namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>
/// Writer/reader resolution with Apache.Avro: single datums (the writer's schema known out of band, as a
/// registry id would give it) and object container files (the writer's schema is in the file header).
/// Every reader first adapts the writer schema to the reader's (aliases, string ↔ bytes; see <see cref="WriterSchemaResolution"/>).
/// </summary>
public static class AvroReaders
{
    /// <summary>Encodes one generic record with its own schema (Avro binary, no header).</summary>
    public static byte[] Encode(GenericRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var buffer = new MemoryStream();
        new GenericDatumWriter<GenericRecord>(record.Schema).Write(record, new BinaryEncoder(buffer));
        return buffer.ToArray();
    }

    /// <summary>Decodes bytes written with <paramref name="writer"/> into a generic record shaped by <paramref name="reader"/>.</summary>
    public static GenericRecord DecodeGeneric(byte[] data, Schema writer, Schema reader)
    {
        var datumReader = new GenericDatumReader<GenericRecord>(WriterSchemaResolution.Adapt(writer, reader), reader);
        using var input = new MemoryStream(data, writable: false);
        return datumReader.Read(null!, new BinaryDecoder(input));
    }

    /// <summary>Decodes bytes written with <paramref name="writer"/> into a generated (specific) class whose schema is the reader's.</summary>
    public static T DecodeSpecific<T>(byte[] data, Schema writer) where T : ISpecificRecord, new()
    {
        var reader = new T().Schema;
        var datumReader = new SpecificDatumReader<T>(WriterSchemaResolution.Adapt(writer, reader), reader);
        using var input = new MemoryStream(data, writable: false);
        return datumReader.Read(default!, new BinaryDecoder(input));
    }

    /// <summary>Writes an object container file: header with the writer schema, then blocks of records.</summary>
    public static void WriteContainer(Stream output, Schema schema, IEnumerable<GenericRecord> records, Codec? codec = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var writer = DataFileWriter<GenericRecord>.OpenWriter(new GenericDatumWriter<GenericRecord>(schema), output, codec ?? Codec.CreateCodec(Codec.Type.Null), leaveOpen: true);
        foreach (var record in records) writer.Append(record);
        writer.Flush();
    }

    /// <summary>Reads every record of a container file with <paramref name="reader"/> as the reader schema (generic records).</summary>
    public static List<GenericRecord> ReadContainer(Stream input, Schema reader)
    {
        using var file = DataFileReader<GenericRecord>.OpenReader(input, reader,
            (writer, readerSchema) => new GenericDatumReader<GenericRecord>(WriterSchemaResolution.Adapt(writer, readerSchema), readerSchema), leaveOpen: true);
        return [.. file.NextEntries];
    }

    /// <summary>Reads every record of a container file into generated classes of type <typeparamref name="T"/>.</summary>
    public static List<T> ReadContainerSpecific<T>(Stream input) where T : ISpecificRecord, new()
    {
        var reader = new T().Schema;
        using var file = DataFileReader<T>.OpenReader(input, reader,
            (writer, readerSchema) => new SpecificDatumReader<T>(WriterSchemaResolution.Adapt(writer, readerSchema), readerSchema), leaveOpen: true);
        return [.. file.NextEntries];
    }

    /// <summary>The writer schema stored in a container file's header.</summary>
    public static Schema WriterSchemaOf(Stream input)
    {
        using var file = DataFileReader<GenericRecord>.OpenReader(input, leaveOpen: true);
        return file.GetSchema();
    }
}
