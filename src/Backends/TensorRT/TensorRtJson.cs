using System.Text.Json;
using System.Text.Json.Serialization;

namespace OnnxOpt.Backends.TensorRT;

/// <summary>The JSON settings every report of this backend uses: camelCase, enums as strings, indented, nulls kept.</summary>
public static class TensorRtJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
