using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>
/// The rewrites of `dequantize`, each turning one quantized construct back into the float op it stands for.
/// Every rewrite records the nodes it may have orphaned so <see cref="SweepDead"/> can remove them.
/// </summary>
internal sealed class DequantizeRewriter(OnnxGraph graph)
{
    private readonly List<Node> _orphans = [];

    /// <summary>
    /// ONNX Runtime's dynamic quantization: Mul(Cast(ConvInteger(DynamicQuantizeLinear(x), Wq, zp, Wzp)), Mul(x_scale,
    /// W_scale)) (or MatMulInteger) becomes Conv(x, W) (or MatMul) with W = (Wq - Wzp) * W_scale.
    /// </summary>
    public bool RewriteInteger(Node integer)
    {
        if (integer.Output().Uses is not [{ Node: { OpType: "Cast" } cast }] || cast.Output().Uses is not [{ Node: { OpType: "Mul" } scaleMul }]
            || integer.Input(0)?.Producer is not { OpType: "DynamicQuantizeLinear" } dynamic
            || integer.Input(1) is not { ConstValue: { } weight }
            || scaleMul.Inputs.FirstOrDefault(i => i != cast.Output())?.Producer is not { OpType: "Mul" } scales)
        {
            return false;
        }

        // The scales product is Mul(x_scale, W_scale): the constant operand is the weight scale.
        var weightScale = scales.Inputs.FirstOrDefault(i => i?.ConstValue is not null)?.ConstValue;
        if (weightScale is null || scales.Inputs.All(i => i != dynamic.Output(1)))
        {
            return false;
        }

        var weightZero = integer.Input(3)?.ConstValue;
        var floatWeight = QuantizedValues.Dequantize(weight, weightScale, weightZero, integer.OpType == "ConvInteger" ? 0 : -1);
        var w = graph.AddInitializer(graph.UniqueName($"{integer.Input(1)!.Name}_dequantized"), floatWeight);
        string op = integer.OpType == "ConvInteger" ? "Conv" : "MatMul";
        var replacement = graph.AddNode(op, [dynamic.Input(0), w], name: graph.UniqueNodeName($"{integer.Name}_float"), attributes: integer.Attributes, index: graph.IndexOf(integer));
        replacement.Output().ElementType = DataType.Float;
        replacement.Output().Shape = scaleMul.Output().Shape;
        scaleMul.Output().ReplaceAllUsesWith(replacement.Output());
        _orphans.AddRange([scaleMul, scales, cast, integer, dynamic]);
        return true;
    }

    /// <summary>QLinearConv / QLinearMatMul become DequantizeLinear -> Conv / MatMul (float weights and bias) -> QuantizeLinear.</summary>
    public bool RewriteQLinear(Node node)
    {
        bool conv = node.OpType == "QLinearConv";
        var (x, xs, xz) = (node.Input(0)!, node.Input(1)!, node.Input(2));
        var (w, ws, wz) = (node.Input(3)!, node.Input(4)!, node.Input(5));
        var (ys, yz) = (node.Input(6)!, node.Input(7));
        if (ws.ConstValue is null || (conv && w.ConstValue is null) || node.Output().IsGraphOutput)
        {
            return false;
        }

        int index = graph.IndexOf(node);
        var xf = graph.AddNode("DequantizeLinear", [x, xs, xz], name: graph.UniqueNodeName($"{node.Name}_input_dq"), index: index++).Output();
        xf.ElementType = DataType.Float;
        Value wf;
        if (w.ConstValue is { } weight)
        {
            wf = graph.AddInitializer(graph.UniqueName($"{w.Name}_dequantized"), QuantizedValues.Dequantize(weight, ws.ConstValue, wz?.ConstValue, conv ? 0 : -1));
        }
        else
        {
            wf = graph.AddNode("DequantizeLinear", [w, ws, wz], name: graph.UniqueNodeName($"{node.Name}_weight_dq"), index: index++).Output();
            wf.ElementType = DataType.Float;
        }

        List<Value?> inputs = [xf, wf];
        if (conv && node.Input(8) is { ConstValue: { } bias } && xs.ConstValue is { } inputScale)
        {
            // The INT32 bias is at scale x_scale * w_scale (per output channel).
            var biasScale = Tensor.Create(ws.ConstValue.ToDoubleArray().Select(s => (float)(s * inputScale.ToDoubleArray()[0])).ToArray(), ws.ConstValue.ElementCount);
            inputs.Add(graph.AddInitializer(graph.UniqueName($"{node.Input(8)!.Name}_dequantized"), QuantizedValues.Dequantize(bias, biasScale, null, 0)));
        }
        else if (conv && node.Input(8) is not null)
        {
            return false;
        }

        var op = graph.AddNode(conv ? "Conv" : "MatMul", inputs, name: graph.UniqueNodeName($"{node.Name}_float"), attributes: node.Attributes, index: index++);
        op.Output().ElementType = DataType.Float;
        var requantize = graph.AddNode("QuantizeLinear", [op.Output(), ys, yz], name: graph.UniqueNodeName($"{node.Name}_output_q"), index: index);
        requantize.Output().ElementType = node.Output().ElementType;
        requantize.Output().Shape = node.Output().Shape;
        node.Output().ReplaceAllUsesWith(requantize.Output());
        _orphans.Add(node);
        return true;
    }

    /// <summary>DequantizeLinear of constants becomes a float initializer.</summary>
    public bool FoldConstant(Node dq)
    {
        if (dq.Input(0)?.ConstValue is not { } q || dq.Input(1)?.ConstValue is not { } scale || (dq.Input(2) is { } z && z.ConstValue is null)
            || dq.Output().IsGraphOutput)
        {
            return false;
        }

        var value = QuantizedValues.Dequantize(q, scale, dq.Input(2)?.ConstValue, (int)dq.GetInt("axis", 1));
        var folded = graph.AddInitializer(graph.UniqueName($"{dq.Input(0)!.Name}_dequantized"), value);
        dq.Output().ReplaceAllUsesWith(folded);
        _orphans.Add(dq);

        return true;
    }

    /// <summary>DequantizeLinear(QuantizeLinear(x)) becomes x: the pair only added rounding.</summary>
    public bool RemovePair(Node dq)
    {
        if (dq.Input(0)?.Producer is not { OpType: "QuantizeLinear" } q || q.Input(0) is not { } x || dq.Output().IsGraphOutput)
        {
            return false;
        }

        dq.Output().ReplaceAllUsesWith(x);
        _orphans.AddRange([dq, q]);
        return true;
    }

    /// <summary>Removes the orphaned nodes (and initializers) nothing reads any more; returns how many nodes went.</summary>
    public int SweepDead()
    {
        int removed = 0;
        bool progress = true;
        while (progress)
        {
            progress = false;
            foreach (var node in _orphans.Distinct().Where(n => n.Graph == graph).ToList())
            {
                if (node.Outputs.All(o => !o.HasUses && !o.IsGraphOutput))
                {
                    var inputs = node.Inputs.OfType<Value>().ToList();
                    graph.RemoveNode(node);
                    removed++;
                    progress = true;
                    foreach (var input in inputs.Where(i => i.IsInitializer && !i.HasUses && !i.IsGraphOutput && i.Graph == graph))
                    {
                        graph.RemoveInitializer(input);
                    }

                    _orphans.AddRange(inputs.Select(i => i.Producer).OfType<Node>());
                }
            }
        }

        return removed;
    }
}
