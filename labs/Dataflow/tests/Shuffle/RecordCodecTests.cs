using StatelessMind.Dataflow.Shuffle;

namespace StatelessMind.Dataflow.Tests.Shuffle;

public sealed class RecordCodecTests
{
    [Fact]
    public void Every_built_in_codec_round_trips()
    {
        var w = new RecordWriter(4);
        RecordCodecs.For<int>().Write(w, int.MinValue);
        RecordCodecs.For<long>().Write(w, long.MaxValue);
        RecordCodecs.For<double>().Write(w, -0.125);
        RecordCodecs.For<string>().Write(w, "naïve ✓ " + new string('x', 300));
        RecordCodecs.For<(string, int)>().Write(w, ("k", -7));
        RecordCodecs.For<int[]>().Write(w, [1, 2, 3]);
        RecordCodecs.For<(int, double, bool)>().Write(w, (4, 2.5, true));
        var r = new RecordReader(w.ToArray());
        Assert.Equal(int.MinValue, RecordCodecs.For<int>().Read(r));
        Assert.Equal(long.MaxValue, RecordCodecs.For<long>().Read(r));
        Assert.Equal(-0.125, RecordCodecs.For<double>().Read(r));
        Assert.Equal("naïve ✓ " + new string('x', 300), RecordCodecs.For<string>().Read(r));
        Assert.Equal(("k", -7), RecordCodecs.For<(string, int)>().Read(r));
        Assert.Equal([1, 2, 3], RecordCodecs.For<int[]>().Read(r));
        Assert.Equal((4, 2.5, true), RecordCodecs.For<(int, double, bool)>().Read(r));
        Assert.True(r.AtEnd);
    }

    [Fact]
    public void Truncated_data_is_a_typed_error_naming_the_offset()
    {
        var w = new RecordWriter();
        w.WriteString("hello world");
        var bytes = w.ToArray()[..5];
        var e = Assert.Throws<ShuffleDataCorruptException>(() => new RecordReader(bytes, "spill-7.bin").ReadString());
        Assert.Equal("spill-7.bin", e.SourceName);
        Assert.Equal(0, e.Offset);
        Assert.Contains("11 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_without_a_codec_is_refused_when_the_shuffle_is_built()
    {
        using var ctx = new DataflowContext();
        var ds = ctx.Parallelize(new[] { (new object(), 1) });
        var e = Assert.Throws<CodecNotFoundException>(() => ds.ReduceByKey((a, b) => a + b));
        Assert.Equal(typeof(object), e.RecordType);
    }
}
