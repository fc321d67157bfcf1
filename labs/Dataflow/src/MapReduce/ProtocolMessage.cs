using System.Text.Json;
using System.Text.Json.Serialization;

namespace StatelessMind.Dataflow.MapReduce;

/// <summary>
/// One line of the coordinator–worker protocol (JSON, one message per line, over TCP on loopback).
/// Worker → coordinator: <c>hello</c> (its pid), <c>request</c> (give me a task; the reply may be held until one
/// is free — no polling), <c>done</c> (a task finished). Coordinator → worker: <c>job</c> (the application and
/// folders, once), <c>map</c>, <c>reduce</c>, <c>exit</c>.
/// </summary>
internal sealed record ProtocolMessage(string Type)
{
    public const string Hello = "hello";
    public const string Job = "job";
    public const string Request = "request";
    public const string Done = "done";
    public const string MapTask = "map";
    public const string ReduceTask = "reduce";
    public const string Exit = "exit";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    public string? TaskId { get; init; }
    public int Number { get; init; }
    public int Attempt { get; init; }
    public string? InputFile { get; init; }
    public int MapTasks { get; init; }
    public int ReduceTasks { get; init; }
    public string? WorkDirectory { get; init; }
    public string? ApplicationAssembly { get; init; }
    public string? ApplicationType { get; init; }
    public int Pid { get; init; }
    public MapReduceBug Bug { get; init; }

    public string ToLine() => JsonSerializer.Serialize(this, Json);

    public static ProtocolMessage Parse(string line, string peer)
    {
        try
        {
            return JsonSerializer.Deserialize<ProtocolMessage>(line, Json) is { Type: not null } m
                ? m
                : throw new ProtocolException(peer, line, "a JSON object with a \"Type\"");
        }
        catch (JsonException e)
        {
            throw new ProtocolException(peer, line, $"a JSON protocol message ({e.Message})");
        }
    }
}

/// <summary>A peer sent something that is not a protocol message.</summary>
public sealed class ProtocolException(string peer, string line, string expected)
    : Exception($"{peer} sent '{(line.Length > 200 ? line[..200] + "…" : line)}', expected {expected}.");
