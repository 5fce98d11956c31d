using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Precision;

/// <summary>Reads and rewrites the float data of constant-making nodes (Constant, ConstantOfShape).</summary>
internal static class SourceConstants
{
    private static readonly float[] FloatZero = [0f];

    /// <summary>The float32 tensor a Constant or ConstantOfShape node holds (ConstantOfShape's default is one 0).</summary>
    public static Tensor FloatData(Node node)
    {
        if (node.OpType == "ConstantOfShape")
        {
            return node.FindAttribute("value")?.AsTensor() ?? Tensor.Create(FloatZero, 1);
        }

        foreach (var attribute in node.Attributes)
        {
            switch (attribute.Name)
            {
                case "value": return attribute.AsTensor();
                case "value_float": return Tensor.Create(new[] { attribute.AsFloat() });
                case "value_floats": return Tensor.Create(attribute.AsFloats().ToArray(), attribute.AsFloats().Count);
            }
        }

        throw new InvalidOperationException($"node '{node.Name}' holds no float constant");
    }

    /// <summary>Makes the node hold <paramref name="tensor"/> in its `value` attribute (dropping value_float/value_floats).</summary>
    public static void SetData(Node node, Tensor tensor)
    {
        node.RemoveAttribute("value_float");
        node.RemoveAttribute("value_floats");
        node.SetAttribute(NodeAttribute.FromTensor("value", tensor));
    }
}
