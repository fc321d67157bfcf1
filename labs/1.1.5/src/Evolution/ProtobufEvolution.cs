using System.Reflection;
using System.Runtime.InteropServices;
using Google.Protobuf;
using StatelessMind.Harness.Services;
using V1 = StatelessMind.Labs.Encoding.Protos.CrmV1;
using V2 = StatelessMind.Labs.Encoding.Protos.CrmV2;
using InPlace = StatelessMind.Labs.Encoding.Protos.CrmInPlace;

namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>
/// The same evolution in Protocol Buffers, for contrast with Avro. Protobuf puts each field's number and
/// wire type on the wire and never a schema: a reader needs no writer schema, skips numbers it does not
/// know and keeps them as unknown fields (re-serialized untouched), and compatibility is a matter of
/// never reusing a number (<c>reserved</c>) and never changing a field's wire type.
/// </summary>
public static class ProtobufEvolution
{
    /// <summary>A v2 customer that uses everything v2 added: a Phone contact, a new tier, country, precise_score, a 64-bit value.</summary>
    public static V2.Customer SampleV2()
    {
        var customer = new V2.Customer
        {
            Id = 42,
            FullName = "Anna de Vries",
            LoyaltyPoints = 5_000_000_000L,
            PreciseScore = 4.5123456789,
            Tier = V2.Tier.Diamond,
            Phone = new V2.Phone { Number = "+31 20 555 0101" },
            Tags = { "newsletter" },
            Country = "NL",
        };
        // v2 writers keep filling the deprecated float until no v1 reader is left.
#pragma warning disable CS0612
        customer.Score = 4.5f;
#pragma warning restore CS0612
        return customer;
    }


    public static V1.Customer SampleV1() => new()
    {
        Id = 7,
        Name = "Bram Jansen",
        LoyaltyPoints = 1200,
        Score = 3.25f,
        LegacyCode = "L-0007",
        Tier = V1.Tier.Silver,
        Email = new V1.Email { Address = "bram@example.org" },
        Tags = { "b2b" },
    };

    /// <summary>
    /// Forward compatibility with unknown-field preservation: an old (v1) service parses v2 bytes, edits
    /// a field it knows, and writes the message on; a v2 reader downstream still finds everything v2 wrote.
    /// </summary>
    public static (V1.Customer SeenByOldService, V2.Customer SeenDownstream) PassThroughOldService(V2.Customer original, string editedName)
    {
        ArgumentNullException.ThrowIfNull(original);
        #region Exercise 1.1.5-1f: let a v1 reader parse v2 bytes, change a known field, re-serialize, and read the result as v2 (tests: ProtobufContrastTests.An_old_service*)
        var old = V1.Customer.Parser.ParseFrom(original.ToByteArray());
        old.Name = editedName;
        var downstream = V2.Customer.Parser.ParseFrom(old.ToByteArray());
        return (old, downstream);
        #endregion
    }

    /// <summary>Backward compatibility: a v2 reader parses v1 bytes (removed field 5 is skipped and kept as unknown).</summary>
    public static V2.Customer ReadOldData(V1.Customer old) => V2.Customer.Parser.ParseFrom(old.ToByteArray());

    /// <summary>
    /// The change Avro allows and Protobuf does not: float → double in place. The wire type of field 4 changes
    /// (fixed32 → fixed64), so a v1 reader does not recognise it, treats it as unknown and reads score as 0.
    /// </summary>
    public static V1.Customer ReadInPlaceDoubleWithOldReader(double score)
    {
        var changed = new InPlace.Customer { Id = 1, Name = "x", LoyaltyPoints = 1, Score = score };
        return V1.Customer.Parser.ParseFrom(changed.ToByteArray());
    }

    /// <summary>Size of the unknown fields a message carries, in bytes (what a v1 reader kept of v2's additions).</summary>
    public static int UnknownFieldBytes(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        // The generated classes keep unknown fields privately; their size is the size of the message
        // minus the size of the same message rebuilt from its known fields only.
        var knownOnly = message.Descriptor.Parser.ParseFrom(ByteString.Empty);
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                var target = (System.Collections.IList)field.Accessor.GetValue(knownOnly);
                foreach (var item in (System.Collections.IEnumerable)value) target.Add(item);
            }
            else if (!field.HasPresence || field.Accessor.HasValue(message))
            {
                field.Accessor.SetValue(knownOnly, value);
            }
        }
        return message.CalculateSize() - knownOnly.CalculateSize();
    }

    /// <summary>Runs protoc (shipped by Grpc.Tools) on a .proto text; returns its exit code and messages.</summary>
    public static async Task<CommandResult> CompileAsync(string protoFileName, string protoText, CancellationToken cancellationToken = default)
    {
        var protoc = ProtocPath();
        var dir = Directory.CreateTempSubdirectory("sm-protoc-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, protoFileName), protoText, cancellationToken);
            var outDir = Directory.CreateDirectory(Path.Combine(dir.FullName, "out"));
            return await HostCommands.RunAsync(protoc, [$"--proto_path={dir.FullName}", $"--csharp_out={outDir.FullName}", Path.Combine(dir.FullName, protoFileName)],
                cancellationToken: cancellationToken);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>protoc inside the Grpc.Tools package this assembly was built with.</summary>
    public static string ProtocPath()
    {
        var root = typeof(ProtobufEvolution).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "GrpcToolsDirectory")?.Value;
        var os = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macosx" : "linux";
        var arch = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "x64";
        var path = root is null ? null : Path.Combine(root, "tools", $"{os}_{arch}", OperatingSystem.IsWindows() ? "protoc.exe" : "protoc");
        if (path is null || !File.Exists(path))
            throw new ServiceUnavailableException($"protoc from Grpc.Tools was not found (looked for '{path ?? "<no Grpc.Tools path recorded at build>"}'). Restore and build labs/1.1.5 (dotnet build labs/1.1.5/lab.sln).");
        return path;
    }
}
