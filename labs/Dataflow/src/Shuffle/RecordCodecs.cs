using System.Collections.Concurrent;

namespace StatelessMind.Dataflow.Shuffle;

/// <summary>The codecs the shuffle knows: built in for primitives, strings, arrays and value tuples; others registered.</summary>
public static class RecordCodecs
{
    private static readonly ConcurrentDictionary<Type, object> Registered = new();

    /// <summary>Registers (or replaces) the codec for <typeparamref name="T"/>.</summary>
    public static void Register<T>(IRecordCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        Registered[typeof(T)] = codec;
    }

    /// <summary>The codec for <typeparamref name="T"/>; throws <see cref="CodecNotFoundException"/> if there is none.</summary>
    public static IRecordCodec<T> For<T>() => (IRecordCodec<T>)Resolve(typeof(T));

    private static object Resolve(Type type)
    {
        if (Registered.TryGetValue(type, out var known)) return known;
        object codec = type switch
        {
            _ when type == typeof(int) => new Int32Codec(),
            _ when type == typeof(long) => new Int64Codec(),
            _ when type == typeof(double) => new DoubleCodec(),
            _ when type == typeof(bool) => new BoolCodec(),
            _ when type == typeof(byte) => new ByteCodec(),
            _ when type == typeof(string) => new StringCodec(),
            { IsArray: true } when type.GetArrayRank() == 1 =>
                Activator.CreateInstance(typeof(ArrayCodec<>).MakeGenericType(type.GetElementType()!), Resolve(type.GetElementType()!))!,
            { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(ValueTuple<,>) =>
                Activator.CreateInstance(typeof(PairCodec<,>).MakeGenericType(type.GetGenericArguments()),
                    Resolve(type.GetGenericArguments()[0]), Resolve(type.GetGenericArguments()[1]))!,
            { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(ValueTuple<,,>) =>
                Activator.CreateInstance(typeof(TripleCodec<,,>).MakeGenericType(type.GetGenericArguments()),
                    Resolve(type.GetGenericArguments()[0]), Resolve(type.GetGenericArguments()[1]), Resolve(type.GetGenericArguments()[2]))!,
            _ => throw new CodecNotFoundException(type),
        };
        return Registered.GetOrAdd(type, codec);
    }

    private sealed class Int32Codec : IRecordCodec<int>
    {
        public void Write(RecordWriter writer, int value) => writer.WriteInt32(value);
        public int Read(RecordReader reader) => reader.ReadInt32();
        public int EstimateHeapBytes(int value) => 4;
    }

    private sealed class Int64Codec : IRecordCodec<long>
    {
        public void Write(RecordWriter writer, long value) => writer.WriteInt64(value);
        public long Read(RecordReader reader) => reader.ReadInt64();
        public int EstimateHeapBytes(long value) => 8;
    }

    private sealed class DoubleCodec : IRecordCodec<double>
    {
        public void Write(RecordWriter writer, double value) => writer.WriteDouble(value);
        public double Read(RecordReader reader) => reader.ReadDouble();
        public int EstimateHeapBytes(double value) => 8;
    }

    private sealed class BoolCodec : IRecordCodec<bool>
    {
        public void Write(RecordWriter writer, bool value) => writer.WriteByte(value ? (byte)1 : (byte)0);
        public bool Read(RecordReader reader) => reader.ReadByte() != 0;
        public int EstimateHeapBytes(bool value) => 1;
    }

    private sealed class ByteCodec : IRecordCodec<byte>
    {
        public void Write(RecordWriter writer, byte value) => writer.WriteByte(value);
        public byte Read(RecordReader reader) => reader.ReadByte();
        public int EstimateHeapBytes(byte value) => 1;
    }

    private sealed class StringCodec : IRecordCodec<string>
    {
        public void Write(RecordWriter writer, string value) => writer.WriteString(value);
        public string Read(RecordReader reader) => reader.ReadString();
        public int EstimateHeapBytes(string value) => 22 + 2 * (value?.Length ?? 0); // object header, length, UTF-16 chars
    }

    private sealed class ArrayCodec<T>(IRecordCodec<T> element) : IRecordCodec<T[]>
    {
        public void Write(RecordWriter writer, T[] value)
        {
            writer.WriteUInt64((ulong)value.Length);
            foreach (var v in value) element.Write(writer, v);
        }

        public T[] Read(RecordReader reader)
        {
            var start = reader.Position;
            var n = reader.ReadUInt64();
            if (n > int.MaxValue) throw new ShuffleDataCorruptException("array", start, "an array length below 2^31");
            var result = new T[(int)n];
            for (var i = 0; i < result.Length; i++) result[i] = element.Read(reader);
            return result;
        }

        public int EstimateHeapBytes(T[] value)
        {
            var size = 24;
            foreach (var v in value) size += element.EstimateHeapBytes(v);
            return size;
        }
    }

    private sealed class PairCodec<TA, TB>(IRecordCodec<TA> a, IRecordCodec<TB> b) : IRecordCodec<(TA, TB)>
    {
        public void Write(RecordWriter writer, (TA, TB) value)
        {
            a.Write(writer, value.Item1);
            b.Write(writer, value.Item2);
        }

        public (TA, TB) Read(RecordReader reader) => (a.Read(reader), b.Read(reader));
        public int EstimateHeapBytes((TA, TB) value) => a.EstimateHeapBytes(value.Item1) + b.EstimateHeapBytes(value.Item2);
    }

    private sealed class TripleCodec<TA, TB, TC>(IRecordCodec<TA> a, IRecordCodec<TB> b, IRecordCodec<TC> c) : IRecordCodec<(TA, TB, TC)>
    {
        public void Write(RecordWriter writer, (TA, TB, TC) value)
        {
            a.Write(writer, value.Item1);
            b.Write(writer, value.Item2);
            c.Write(writer, value.Item3);
        }

        public (TA, TB, TC) Read(RecordReader reader) => (a.Read(reader), b.Read(reader), c.Read(reader));

        public int EstimateHeapBytes((TA, TB, TC) value) =>
            a.EstimateHeapBytes(value.Item1) + b.EstimateHeapBytes(value.Item2) + c.EstimateHeapBytes(value.Item3);
    }
}
