using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Parser;

/// <summary>
/// What one release of TensorRT's ONNX parser (onnx-tensorrt) accepts: the opset range, the default-domain
/// operators it imports, inputs that must be constants, attribute values it handles, and the element types it
/// keeps, casts down or allows only at the network's edges. Transcribed from onnx-tensorrt's operator matrix
/// and changelog for that release.
/// </summary>
public sealed record OnnxParserSupport
{
    public required string Name { get; init; }

    /// <summary>Lowest default-domain opset accepted (the 10.x parsers document 9; the 8.x ones document no minimum).</summary>
    public int MinOpset { get; init; } = 1;

    public required int MaxOpset { get; init; }

    public required IReadOnlySet<string> Operators { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<ConstantInput>> ConstantInputs { get; init; } = new Dictionary<string, IReadOnlyList<ConstantInput>>();

    public IReadOnlyList<AttributeRequirement> Attributes { get; init; } = [];

    /// <summary>Ops whose kernels must be 2D or 3D (rank-4 or rank-5 data).</summary>
    public IReadOnlySet<string> SpatialRank2Or3 { get; init; } = new HashSet<string>();

    /// <summary>Optional outputs the parser cannot produce, by op (MaxPool's Indices).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> UnsupportedOutputs { get; init; } = new Dictionary<string, IReadOnlyList<int>>();

    /// <summary>Element types used natively.</summary>
    public required IReadOnlySet<DataType> NativeTypes { get; init; }

    /// <summary>Types cast down on import, to the type given (INT64 to INT32 before TensorRT 9, DOUBLE to FLOAT).</summary>
    public IReadOnlyDictionary<DataType, DataType> CastDown { get; init; } = new Dictionary<DataType, DataType>();

    /// <summary>Types allowed only as network inputs and outputs (UINT8 from TensorRT 8.5).</summary>
    public IReadOnlySet<DataType> InputOutputOnlyTypes { get; init; } = new HashSet<DataType>();

    /// <summary>Types ConstantOfShape may fill with; null when any native type works.</summary>
    public IReadOnlySet<DataType>? ConstantOfShapeTypes { get; init; }

    /// <summary>TensorRT 8.2 imports floating-point Range only when start, limit and delta are constants.</summary>
    public bool FloatRangeNeedsConstants { get; init; }

    public bool Supports(string op) => Operators.Contains(op);
}
