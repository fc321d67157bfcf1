using Google.Protobuf;
using StatelessMind.Labs.Encoding.Evolution;
using V1 = StatelessMind.Labs.Encoding.Protos.CrmV1;
using V2 = StatelessMind.Labs.Encoding.Protos.CrmV2;

namespace StatelessMind.Labs.Encoding.Tests;

/// <summary>1.1.5-1, the Protobuf side: field numbers, reserved, open enums, unknown-field preservation.</summary>
public sealed class ProtobufContrastTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.5-1")]
    public void An_old_service_passes_new_fields_through_untouched_as_unknown_fields()
    {
        var original = ProtobufEvolution.SampleV2();
        var (old, downstream) = ProtobufEvolution.PassThroughOldService(original, "Anna de Vries-Bakker");

        // The v1 service saw the fields it knows (name is field 2, whatever v2 calls it) …
        Assert.Equal("Anna de Vries", original.FullName);
        Assert.Equal(V1.Customer.ContactOneofCase.None, old.ContactCase);   // Phone (field 10) is not a v1 oneof member
        Assert.Equal((int)V2.Tier.Diamond, (int)old.Tier);                  // open enum: the unknown value 5 is kept as a number
        Assert.True(ProtobufEvolution.UnknownFieldBytes(old) > 0);
        // … and everything v2 added survived its re-serialization.
        Assert.Equal("Anna de Vries-Bakker", downstream.FullName);
        Assert.Equal("+31 20 555 0101", downstream.Phone.Number);
        Assert.Equal("NL", downstream.Country);
        Assert.Equal(4.5123456789, downstream.PreciseScore);
        Assert.Equal(V2.Tier.Diamond, downstream.Tier);
        output.WriteLine($"v1 kept {ProtobufEvolution.UnknownFieldBytes(old)} bytes of unknown fields; downstream v2 reader: {downstream}");
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Widening_int32_to_int64_keeps_the_wire_type_but_old_readers_truncate_large_values()
    {
        var (old, _) = ProtobufEvolution.PassThroughOldService(ProtobufEvolution.SampleV2(), "x");
        Assert.Equal(unchecked((int)5_000_000_000L), old.LoyaltyPoints); // varint read as int32: the high bits are dropped
        Assert.NotEqual(5_000_000_000L, old.LoyaltyPoints);
        var v1 = ProtobufEvolution.SampleV1();
        Assert.Equal(1200L, ProtobufEvolution.ReadOldData(v1).LoyaltyPoints);   // the other way is exact
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Changing_float_to_double_in_place_is_silently_lost_by_old_readers()
    {
        var old = ProtobufEvolution.ReadInPlaceDoubleWithOldReader(4.75);
        Assert.Equal(0f, old.Score);                                      // not 4.75: the fixed64 field 4 is unknown to a fixed32 reader
        Assert.True(ProtobufEvolution.UnknownFieldBytes(old) >= 9);       // tag + 8 bytes kept as an unknown field
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void A_new_reader_reads_old_data_with_zero_values_for_added_fields()
    {
        var v1 = ProtobufEvolution.SampleV1();
        var v2 = ProtobufEvolution.ReadOldData(v1);
        Assert.Equal("Bram Jansen", v2.FullName);
        Assert.Equal("", v2.Country);                 // proto3: no per-field default, the zero value
        Assert.Equal("bram@example.org", v2.Email.Address);
        Assert.Equal(V2.Tier.Silver, v2.Tier);
        Assert.True(ProtobufEvolution.UnknownFieldBytes(v2) > 0); // legacy_code (field 5, reserved in v2) kept as unknown
        Assert.Equal(v1, V1.Customer.Parser.ParseFrom(v2.ToByteArray())); // and written back: a v1 reader finds legacy_code again
    }

    [Fact]
    [Goal("1.1.5-1")]
    public async Task Protoc_refuses_a_message_that_reuses_a_reserved_number_or_name()
    {
        const string reuse = """
            syntax = "proto3";
            package check;
            message Customer {
              reserved 5;
              reserved "legacy_code";
              int64 id = 1;
              string nickname = 5;
            }
            """;
        var byNumber = await ProtobufEvolution.CompileAsync("reuse_number.proto", reuse);
        Assert.False(byNumber.Succeeded);
        Assert.Contains("reserved", byNumber.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("5", byNumber.StandardError, StringComparison.Ordinal);

        var byName = await ProtobufEvolution.CompileAsync("reuse_name.proto", reuse.Replace("string nickname = 5;", "string legacy_code = 12;", StringComparison.Ordinal));
        Assert.False(byName.Succeeded);
        Assert.Contains("legacy_code", byName.StandardError, StringComparison.Ordinal);

        var fine = await ProtobufEvolution.CompileAsync("fine.proto", reuse.Replace("string nickname = 5;", "string nickname = 12;", StringComparison.Ordinal));
        Assert.True(fine.Succeeded, fine.StandardError);
        output.WriteLine(byNumber.StandardError.Trim());
        output.WriteLine(byName.StandardError.Trim());
    }
}
