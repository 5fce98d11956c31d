using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.Analysis;

/// <summary>
/// Reads the tensor a <c>Constant</c> node produces from whichever of its value attributes it carries
/// (<c>value</c>, <c>value_float(s)</c>, <c>value_int(s)</c>, <c>value_string(s)</c>), so passes and backends
/// share one reading of the spec. <c>sparse_value</c> is not decoded.
/// </summary>
public static class ConstantNode
{
    /// <summary>
    /// The node's constant, or null when it holds none this class decodes (or is sparse). Callers that work only on
    /// numbers pass <paramref name="stringShorthands"/> false to skip <c>value_string(s)</c>.
    /// </summary>
    public static Tensor? Value(Node node, bool stringShorthands = true)
    {
        foreach (var attribute in node.Attributes)
        {
            if (ToTensor(attribute, stringShorthands) is { } tensor)
            {
                return tensor;
            }
        }

        return null;
    }

    /// <summary>The tensor one Constant value attribute stands for; `value_float`/`value_int`/`value_string` are scalars.</summary>
    public static Tensor? ToTensor(NodeAttribute attribute, bool stringShorthands = true) => attribute.Name switch
    {
        "value" => attribute.RawValue as Tensor,
        "value_float" => Tensor.Scalar(attribute.AsFloat()),
        "value_floats" => Tensor.Create(attribute.AsFloats().ToArray(), attribute.AsFloats().Count),
        "value_int" => Tensor.Scalar(attribute.AsInt()),
        "value_ints" => Tensor.Create(attribute.AsInts().ToArray(), attribute.AsInts().Count),
        "value_string" when stringShorthands && attribute.RawValue is byte[] s => Tensor.FromStrings([], [s]),
        "value_strings" when stringShorthands && attribute.RawValue is byte[][] ss => Tensor.FromStrings([ss.Length], ss),
        _ => null,
    };
}
