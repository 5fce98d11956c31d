using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>Inserts QuantizeLinear/DequantizeLinear nodes and quantized initializers into a graph.</summary>
internal sealed class QdqRewriter(OnnxGraph graph)
{
    /// <summary>
    /// Puts Q -> DQ right after <paramref name="value"/>'s producer and moves every consumer onto the DQ output; a
    /// graph output keeps its name and float value.
    /// </summary>
    public void QuantizeActivation(Value value, QuantParameters parameters)
    {
        var uses = value.Uses.ToList();
        int index = value.Producer is { } producer ? graph.IndexOf(producer) + 1 : 0;
        var scale = graph.AddInitializer(graph.UniqueName($"{value.Name}_scale"), parameters.ScaleTensor());
        var zeroPoint = graph.AddInitializer(graph.UniqueName($"{value.Name}_zero_point"), parameters.ZeroPointTensor());
        var quantize = graph.AddNode("QuantizeLinear", [value, scale, zeroPoint], name: graph.UniqueNodeName($"{value.Name}_QuantizeLinear"), index: index);
        quantize.Output().ElementType = parameters.ElementType;
        quantize.Output().Shape = value.Shape;
        var dequantize = graph.AddNode("DequantizeLinear", [quantize.Output(), scale, zeroPoint], name: graph.UniqueNodeName($"{value.Name}_DequantizeLinear"), index: index + 1);
        dequantize.Output().ElementType = DataType.Float;
        dequantize.Output().Shape = value.Shape;
        foreach (var use in uses)
        {
            use.Node.SetInput(use.InputIndex, dequantize.Output());
        }
    }

    /// <summary>Replaces input <paramref name="inputIndex"/> of <paramref name="node"/> by DQ(INT8 weights); returns the weight scales.</summary>
    public float[] QuantizeWeight(Node node, int inputIndex, int? axis)
    {
        var weight = node.Input(inputIndex)!;
        var (values, scales) = WeightQuantizer.Quantize(weight.ConstValue!, axis);
        var dims = weight.ConstValue!.DimsArray();
        var quantized = graph.AddInitializer(graph.UniqueName($"{weight.Name}_quantized"), Tensor.Create(values, dims));
        ReplaceWithDequantize(node, inputIndex, weight, quantized, scales, new sbyte[scales.Length], axis);
        return scales;
    }

    /// <summary>Replaces the float bias of <paramref name="node"/> (input 2) by DQ(INT32 bias) at input scale * weight scales.</summary>
    public void QuantizeBias(Node node, float inputScale, float[] weightScales, int? axis)
    {
        var bias = node.Input(2)!;
        var (values, scales) = WeightQuantizer.QuantizeBias(bias.ConstValue!, inputScale, weightScales);
        var quantized = graph.AddInitializer(graph.UniqueName($"{bias.Name}_quantized"), Tensor.Create(values, bias.ConstValue!.DimsArray()));
        ReplaceWithDequantize(node, 2, bias, quantized, scales, new int[scales.Length], axis is null ? null : 0);
    }

    private void ReplaceWithDequantize<TZero>(Node node, int inputIndex, Value original, Value quantized, float[] scales, TZero[] zeroPoints, int? axis)
        where TZero : unmanaged
    {
        bool perChannel = axis is not null && scales.Length > 1;
        var scale = graph.AddInitializer(graph.UniqueName($"{original.Name}_scale"), perChannel ? Tensor.Create(scales, scales.Length) : Tensor.Scalar(scales[0]));
        var zeroPoint = graph.AddInitializer(
            graph.UniqueName($"{original.Name}_zero_point"),
            perChannel ? Tensor.Create(zeroPoints, zeroPoints.Length) : Tensor.Scalar(zeroPoints[0]));
        NodeAttribute[] attributes = perChannel ? [NodeAttribute.Int("axis", axis!.Value)] : [];
        var dequantize = graph.AddNode("DequantizeLinear", [quantized, scale, zeroPoint], name: graph.UniqueNodeName($"{original.Name}_DequantizeLinear"), attributes: attributes, index: graph.IndexOf(node));
        dequantize.Output().ElementType = DataType.Float;
        dequantize.Output().Shape = original.Shape;
        node.SetInput(inputIndex, dequantize.Output());
        if (!original.HasUses && !original.IsGraphOutput)
        {
            graph.RemoveInitializer(original);
        }
    }
}
