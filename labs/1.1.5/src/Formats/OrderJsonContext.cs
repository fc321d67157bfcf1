using System.Text.Json.Serialization;

namespace StatelessMind.Labs.Encoding.Formats;

/// <summary>
/// System.Text.Json source generation for <see cref="Order"/>: the serializer code is generated at
/// compile time (no reflection at run time). snake_case names, optional fields omitted when null,
/// NaN/±Infinity written as named literals (plain JSON numbers cannot carry them).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(Order))]
public sealed partial class OrderJsonContext : JsonSerializerContext;
