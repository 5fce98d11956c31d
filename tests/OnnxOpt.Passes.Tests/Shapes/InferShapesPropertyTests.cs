using FsCheck.Xunit;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Tests.Folding;
using Xunit;

namespace OnnxOpt.Passes.Tests.Shapes;

/// <summary>Shapes inferred through random chains of layout, reduction, broadcasting and cast ops equal what ONNX Runtime computes.</summary>
public sealed class InferShapesPropertyTests
{
    [Property(MaxTest = 60)]
    public void Inferred_result_type_matches_onnx_runtime(int seed, byte length)
    {
        var chain = new RandomConstantChain(seed);
        var model = chain.Build(1 + (length % 8), startFromInput: true);
        var input = Tensor.Create(new float[chain.StartDims.Aggregate(1L, (a, d) => a * d)], chain.StartDims);
        var actual = OrtRunner.RunOnce(model, new Dictionary<string, Tensor> { ["x"] = input })["result"];

        PipelineRunner.Run(model, "infer-shapes");

        var output = model.Graph.Outputs[0];
        Assert.Equal(actual.DataType, output.ElementType);
        Assert.Equal(Shape.Of(actual.DimsArray()), output.Shape);
        Assert.All(model.Graph.Nodes.SelectMany(n => n.Outputs), v => Assert.True(v.Shape?.IsStatic, $"{v} is not static"));
    }
}
