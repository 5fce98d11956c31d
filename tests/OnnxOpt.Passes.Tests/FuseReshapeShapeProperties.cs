using FsCheck.Xunit;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests;

/// <summary>
/// `fuse-reshape-shape` on random Reshapes of an input with symbolic dims whose target shape is a Concat of
/// gathered dims, Shape slices and constants (the real dim or the one -1): the shape becomes a constant, the
/// verifier accepts the result and ONNX Runtime gives bit-identical outputs for the bound dims.
/// </summary>
public sealed class FuseReshapeShapeProperties
{
    [Property(MaxTest = 25)]
    public void Fused_shape_gives_the_same_outputs(int seed)
    {
        var random = new Random(seed);
        int rank = random.Next(2, 5);
        long[] sizes = [.. Enumerable.Range(0, rank).Select(_ => (long)random.Next(1, 4))];
        var dims = Enumerable.Range(0, rank).ToDictionary(i => $"d{i}", i => sizes[i]);
        var b = new ModelBuilder();
        var x = b.Input("x", DataType.Float, new Shape(Enumerable.Range(0, rank).Select(i => Dim.Symbol($"d{i}"))));
        int minusOne = random.Next(rank + 1);
        var pieces = new List<Value>();
        for (int p = 0; p < rank; p++)
        {
            int kind = random.Next(3);
            if (p == minusOne)
            {
                pieces.Add(b.Constant("minus", Tensor.Create(new long[] { -1 }, 1)));
            }
            else if (kind == 0)
            {
                pieces.Add(b.Constant("size", Tensor.Create(new long[] { sizes[p] }, 1)));
            }
            else if (kind == 1)
            {
                var gathered = b.Op("Gather", [b.Op("Shape", [x]), b.Constant("index", Tensor.Scalar(random.Next(2) == 0 ? p : p - rank))]);
                pieces.Add(b.Op("Unsqueeze", [gathered, b.Constant("axes", Tensor.Create(new long[] { 0 }, 1))]));
            }
            else
            {
                pieces.Add(b.Op("Shape", [x], NodeAttribute.Int("start", p), NodeAttribute.Int("end", p + 1)));
            }
        }

        if (random.Next(2) == 0)
        {
            pieces.Add(b.Constant("one", Tensor.Create(new long[] { 1 }, 1)));
        }

        var shape = b.Op("Concat", pieces, NodeAttribute.Int("axis", 0));
        b.Output(b.Op("Neg", [b.Op("Reshape", [x, shape])]), "y", DataType.Float);
        var original = Equivalence.Clone(b.Model);

        PipelineRunner.Run(b.Model, "fuse-reshape-shape,eliminate-dead-nodes");

        Assert.DoesNotContain(GraphVerifier.Verify(b.Model), d => d.IsError);
        Assert.NotNull(b.Model.Graph.Nodes.Single(n => n.OpType == "Reshape").Input(1)!.ConstValue);
        Assert.DoesNotContain(b.Model.Graph.Nodes, n => n.OpType is "Concat" or "Shape");
        Equivalence.AssertSameOutputs(original, b.Model, atol: 0, rtol: 0, dims: dims);
    }
}
