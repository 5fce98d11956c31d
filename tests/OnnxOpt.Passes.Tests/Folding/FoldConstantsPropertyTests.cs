using FsCheck.Xunit;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Tests.Conformance;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Folding;

/// <summary>Random constant subgraphs folded by the built-in kernels give what ONNX Runtime computes for the unfolded graph.</summary>
public sealed class FoldConstantsPropertyTests
{
    [Property(MaxTest = 40)]
    public void Folded_random_chain_matches_onnx_runtime(int seed, byte length)
    {
        var model = new RandomConstantChain(seed).Build(1 + (length % 6));
        string ops = string.Join(" ", model.Graph.Nodes.Select(n => n.OpType));
        var expected = OrtRunner.RunOnce(Equivalence.Clone(model), new Dictionary<string, Tensor>(), OrtRunOptions.Default with { OptimizationLevel = 0 })["result"];

        FoldTestModels.Fold(model, "fold-constants{fold-quantization=true}");

        Assert.Empty(model.Graph.Nodes);
        var folded = model.Graph.FindValue("result")!.ConstValue!;
        Assert.True(TensorAssert.Difference(expected, folded, rtol: 1e-3, atol: 1e-4) is null, $"{ops}: {TensorAssert.Difference(expected, folded, rtol: 1e-3, atol: 1e-4)}");
    }

    [Property(MaxTest = 20)]
    public void Folding_part_of_a_graph_keeps_its_outputs(int seed)
    {
        var chain = new RandomConstantChain(seed).Build(3);
        var b = chain.Graph;
        var result = b.Outputs[0];
        var x = b.AddInput("x", DataType.Float, Shape.Of(1));
        var sum = b.AddNode("Add", [result, x], outputNames: ["with_input"]).Outputs[0];
        b.ClearOutputs();
        b.AddOutput(sum);
        var original = Equivalence.Clone(chain);

        // The chain may contain a QuantizeLinear/DequantizeLinear pair, which is folded only on request.
        FoldTestModels.Fold(chain, "fold-constants{fold-quantization=true}");

        Assert.Equal(["Add"], chain.Graph.Nodes.Select(n => n.OpType));
        Equivalence.AssertSameOutputs(original, chain, atol: 1e-4, rtol: 1e-3);
    }
}
