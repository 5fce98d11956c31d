using System.Globalization;
using System.Text;
using OnnxOpt.Graph.Protos;

namespace OnnxOpt.Graph.IR;

/// <summary>
/// An immutable node attribute. Graph-valued attributes hold IR subgraphs; sparse-tensor and type-proto
/// attributes are rare in exported models and are kept as their protobuf messages, untouched.
/// </summary>
public sealed class NodeAttribute
{
    private NodeAttribute(string name, AttributeKind kind, object? value)
    {
        Name = name;
        Kind = kind;
        RawValue = value;
    }

    public string Name { get; }

    public AttributeKind Kind { get; }

    /// <summary>The boxed value: float, long, byte[], Tensor, OnnxGraph, float[], long[], byte[][], Tensor[], OnnxGraph[] or a protobuf message.</summary>
    public object? RawValue { get; }

    /// <summary>In a function body, the name of the function attribute this one refers to.</summary>
    public string? RefAttrName { get; private init; }

    public string? DocString { get; private init; }

    internal AttributeProto? Source { get; private init; }

    internal NodeAttribute WithMetadata(string? refAttrName, string? docString, AttributeProto? source) =>
        new(Name, Kind, RawValue) { RefAttrName = refAttrName, DocString = docString, Source = source };

    public static NodeAttribute Float(string name, float value) => new(name, AttributeKind.Float, value);

    public static NodeAttribute Int(string name, long value) => new(name, AttributeKind.Int, value);

    public static NodeAttribute String(string name, string value) => new(name, AttributeKind.String, Encoding.UTF8.GetBytes(value));

    public static NodeAttribute Bytes(string name, byte[] value) => new(name, AttributeKind.String, value);

    public static NodeAttribute FromTensor(string name, Tensor value) => new(name, AttributeKind.Tensor, value);

    public static NodeAttribute FromGraph(string name, OnnxGraph value) => new(name, AttributeKind.Graph, value);

    public static NodeAttribute Floats(string name, params float[] values) => new(name, AttributeKind.Floats, values);

    public static NodeAttribute Ints(string name, params long[] values) => new(name, AttributeKind.Ints, values);

    public static NodeAttribute Strings(string name, params string[] values) =>
        new(name, AttributeKind.Strings, values.Select(Encoding.UTF8.GetBytes).ToArray());

    public static NodeAttribute FromTensors(string name, params Tensor[] values) => new(name, AttributeKind.Tensors, values);

    public static NodeAttribute FromGraphs(string name, params OnnxGraph[] values) => new(name, AttributeKind.Graphs, values);

    /// <summary>Wraps a value of a kind the IR keeps as protobuf (sparse tensors, type protos).</summary>
    public static NodeAttribute Opaque(string name, AttributeKind kind, object? value) => new(name, kind, value);

    public float AsFloat() => RawValue is float f ? f : throw Mismatch("float");

    public long AsInt() => RawValue is long i ? i : throw Mismatch("int");

    public string AsString() => RawValue is byte[] s ? Encoding.UTF8.GetString(s) : throw Mismatch("string");

    public Tensor AsTensor() => RawValue as Tensor ?? throw Mismatch("tensor");

    public OnnxGraph AsGraph() => RawValue as OnnxGraph ?? throw Mismatch("graph");

    public IReadOnlyList<float> AsFloats() => RawValue as float[] ?? throw Mismatch("floats");

    public IReadOnlyList<long> AsInts() => RawValue as long[] ?? throw Mismatch("ints");

    public IReadOnlyList<string> AsStrings() =>
        RawValue is byte[][] s ? s.Select(Encoding.UTF8.GetString).ToArray() : throw Mismatch("strings");

    public IReadOnlyList<Tensor> AsTensors() => RawValue as Tensor[] ?? throw Mismatch("tensors");

    public IReadOnlyList<OnnxGraph> AsGraphs() => RawValue as OnnxGraph[] ?? throw Mismatch("graphs");

    /// <summary>The subgraphs this attribute holds (none for non-graph kinds).</summary>
    public IEnumerable<OnnxGraph> Subgraphs() => RawValue switch
    {
        OnnxGraph g => [g],
        OnnxGraph[] gs => gs,
        _ => [],
    };

    /// <summary>Same attribute under a new value of the same kind (used when passes retype tensors).</summary>
    public NodeAttribute WithValue(object value) => new(Name, Kind, value) { RefAttrName = RefAttrName, DocString = DocString, Source = Source };

    private InvalidOperationException Mismatch(string wanted) =>
        new($"attribute '{Name}' is {Kind}, not {wanted}");

    public string ValueText() => RawValue switch
    {
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        long i => i.ToString(CultureInfo.InvariantCulture),
        byte[] s => Quote(s),
        float[] fs => "[" + string.Join(",", fs.Select(f => f.ToString("R", CultureInfo.InvariantCulture))) + "]",
        long[] ints => "[" + string.Join(",", ints) + "]",
        byte[][] ss => "[" + string.Join(",", ss.Select(Quote)) + "]",
        Tensor t => $"tensor<{t}>",
        Tensor[] ts => "[" + string.Join(",", ts.Select(t => $"tensor<{t}>")) + "]",
        OnnxGraph g => $"graph<{g.Name}>",
        OnnxGraph[] gs => "[" + string.Join(",", gs.Select(g => $"graph<{g.Name}>")) + "]",
        null => "null",
        _ => $"<{Kind}>",
    };

    public override string ToString() => $"{Name}={ValueText()}";

    // Quotes, backslashes and line breaks are escaped so that a printed attribute always stays on one line.
    private static string Quote(byte[] utf8) =>
        "\"" + Encoding.UTF8.GetString(utf8)
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal) + "\"";
}
