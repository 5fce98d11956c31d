using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.Tests;

/// <summary>Small hand-built models for the backend tests.</summary>
internal static class TestModels
{
    /// <summary>x[1,8,6,6] -> Conv(W[8,8,3,3], pads 1) -> Relu -> y. The weights are dense unless <paramref name="sparse24"/>.</summary>
    public static Model ConvRelu(long opset = 13, bool sparse24 = false, DataType floatType = DataType.Float, bool dynamicBatch = false)
    {
        var b = new ModelBuilder(opset);
        var x = dynamicBatch
            ? b.Input("x", floatType, new Shape([Dim.Symbol("batch"), 8, 6, 6]))
            : b.Input("x", floatType, 1, 8, 6, 6);
        var weights = Weights(8, 8, 3, 3, sparse24);
        var w = floatType == DataType.Float16
            ? b.Constant("w", Tensor.Create(weights.Select(v => (Half)v).ToArray(), 8, 8, 3, 3))
            : b.Constant("w", Tensor.Create(weights, 8, 8, 3, 3));
        var y = b.Op("Conv", "conv", [x, w], NodeAttribute.Ints("pads", 1, 1, 1, 1));
        b.Output(b.Op("Relu", "relu", [y]), "y", floatType);
        return b.Build();
    }

    /// <summary>Deterministic weights; with <paramref name="sparse24"/> two of every four input channels are zero.</summary>
    public static float[] Weights(int k, int c, int kh, int kw, bool sparse24)
    {
        var values = new float[k * c * kh * kw];
        int inner = kh * kw;
        for (int i = 0; i < values.Length; i++)
        {
            int channel = i / inner % c;
            bool pruned = sparse24 && channel % 4 >= 2;
            values[i] = pruned ? 0 : ((i * 37 % 17) - 8) / 16f + 0.01f;
        }

        return values;
    }

    /// <summary>A model with one node of <paramref name="opType"/> on a float input, for operator-support checks.</summary>
    public static Model SingleOp(string opType, long opset = 13, string domain = "", params NodeAttribute[] attributes)
    {
        var b = new ModelBuilder(opset);
        var x = b.Input("x", DataType.Float, 1, 4);
        var node = b.Node(opType, [x], 1, "the_node", attributes, domain);
        b.Output(node.Outputs[0], "y", DataType.Float);
        return b.Build();
    }
}
