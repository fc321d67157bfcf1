using System.Buffers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using StatelessMind.Labs.Encoding.Formats;
using Av = StatelessMind.Labs.Encoding.Formats.AvroModel;
using Proto = StatelessMind.Labs.Encoding.Protos.Orders;

namespace StatelessMind.Bench.Encoding;

/// <summary>
/// 1.1.5-2: encode and decode one set of 1,000 nested orders with System.Text.Json (source-generated,
/// the baseline), Google.Protobuf and Apache.Avro (bare datums and an object container file), all in
/// one run. Every benchmark handles the whole set; OperationsPerInvoke makes the reported mean and
/// allocation per record. Extra columns: encoded bytes per record (raw, gzip, brotli) and MB/s.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[Config(typeof(SizeColumns))]
public class EncodingFormatsBenchmark
{
    public const int RecordCount = 1_000;
    public const int Seed = 20261127;

    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);
    private readonly MemoryStream _container = new(1 << 20);
    private readonly JsonOrderFormat _json = new();
    private readonly ProtobufOrderFormat _protobuf = new();
    private readonly AvroOrderFormat _avro = new();
    private List<Order> _orders = [];
    private List<Proto.Order> _protobufOrders = [];
    private List<Av.Order> _avroOrders = [];
    private EncodedRecordSet _jsonBytes = null!;
    private EncodedRecordSet _protobufBytes = null!;
    private EncodedRecordSet _avroBytes = null!;
    private byte[] _containerBytes = [];

    private sealed class SizeColumns : ManualConfig
    {
        public SizeColumns() => AddColumn(
            new EncodedSizeColumn("B/record", s => s.RawBytesPerRecord),
            new EncodedSizeColumn("gzip B/record", s => s.GzipBytesPerRecord),
            new EncodedSizeColumn("brotli B/record", s => s.BrotliBytesPerRecord),
            new EncodedSizeColumn("MB/s", _ => 0, throughput: true));
    }

    [GlobalSetup]
    public void Setup()
    {
        _orders = OrderSetGenerator.Generate(RecordCount, Seed);
        _protobufOrders = _orders.Select(_protobuf.ToNative).ToList();
        _avroOrders = _orders.Select(_avro.ToNative).ToList();
        _jsonBytes = EncodedRecordSet.Encode(_json, _orders);
        _protobufBytes = EncodedRecordSet.Encode(_protobuf, _protobufOrders);
        _avroBytes = EncodedRecordSet.Encode(_avro, _avroOrders);
        using var file = new MemoryStream();
        AvroOrderFormat.WriteContainer(_avroOrders, file);
        _containerBytes = file.ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = RecordCount)]
    [BenchmarkCategory("Encode")]
    public int Json_Encode()
    {
        _buffer.ResetWrittenCount();
        foreach (var order in _orders) _json.Encode(order, _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark(OperationsPerInvoke = RecordCount)]
    [BenchmarkCategory("Encode")]
    public int Protobuf_Encode()
    {
        _buffer.ResetWrittenCount();
        foreach (var order in _protobufOrders) _protobuf.Encode(order, _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark(OperationsPerInvoke = RecordCount)]
    [BenchmarkCategory("Encode")]
    public int Avro_Encode()
    {
        _buffer.ResetWrittenCount();
        foreach (var order in _avroOrders) _avro.Encode(order, _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark(OperationsPerInvoke = RecordCount)]
    [BenchmarkCategory("Encode")]
    public long AvroContainer_Encode()
    {
        _container.SetLength(0);
        AvroOrderFormat.WriteContainer(_avroOrders, _container);
        return _container.Length;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = RecordCount)]
    [BenchmarkCategory("Decode")]
    public long Json_Decode()
    {
        long sum = 0;
        for (var i = 0; i < _jsonBytes.Count; i++) sum += _json.Decode(_jsonBytes.Record(i)).OrderId;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = RecordCount)]
    [BenchmarkCategory("Decode")]
    public long Protobuf_Decode()
    {
        long sum = 0;
        for (var i = 0; i < _protobufBytes.Count; i++) sum += _protobuf.Decode(_protobufBytes.Record(i)).OrderId;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = RecordCount)]
    [BenchmarkCategory("Decode")]
    public long Avro_Decode()
    {
        long sum = 0;
        for (var i = 0; i < _avroBytes.Count; i++) sum += _avro.Decode(_avroBytes.Record(i)).OrderId;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = RecordCount)]
    [BenchmarkCategory("Decode")]
    public long AvroContainer_Decode()
    {
        using var input = new MemoryStream(_containerBytes, writable: false);
        return AvroOrderFormat.ReadContainer(input).Sum(o => o.OrderId);
    }
}
