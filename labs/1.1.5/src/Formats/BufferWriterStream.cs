using System.Buffers;

namespace StatelessMind.Labs.Encoding.Formats;

/// <summary>A write-only stream over an <see cref="IBufferWriter{T}"/>, so Apache.Avro's stream-based encoder can append to the same buffers as the other formats.</summary>
public sealed class BufferWriterStream : Stream
{
    public IBufferWriter<byte>? Target { get; set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var target = Target ?? throw new InvalidOperationException("Set Target before writing.");
        buffer.CopyTo(target.GetSpan(buffer.Length));
        target.Advance(buffer.Length);
    }

    public override void WriteByte(byte value)
    {
        var target = Target ?? throw new InvalidOperationException("Set Target before writing.");
        target.GetSpan(1)[0] = value;
        target.Advance(1);
    }

    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
