using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Opset;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Opset;

/// <summary>Runs `convert-opset` on copies and checks the result: the opset stamp, the verifier, ONNX Runtime outputs.</summary>
internal static class OpsetAssert
{
    /// <summary>A converted copy, checked to carry the target opset and to pass the verifier.</summary>
    public static Model Converted(Model model, int target)
    {
        var copy = Equivalence.Clone(model);
        PipelineRunner.Run(copy, $"convert-opset{{version={target}}}");
        Assert.Equal(target, copy.GetOpset());
        var errors = GraphVerifier.Verify(copy).Where(d => d.IsError).ToList();
        Assert.True(errors.Count == 0, string.Join("; ", errors));
        return copy;
    }

    /// <summary>
    /// Converts to <paramref name="target"/> and back to the model's own opset (when that is a valid target), asserting after
    /// each step that ONNX Runtime gives the original's outputs. Returns the model at the target opset.
    /// </summary>
    public static Model RoundTrip(Model model, int target, double atol = 1e-5, double rtol = 1e-4, IReadOnlyDictionary<string, long>? dims = null)
    {
        int source = (int)model.GetOpset()!.Value;
        var there = Converted(model, target);
        Equivalence.AssertSameOutputs(model, there, atol, rtol, dims: dims);
        if (source >= OpsetConversion.MinTarget)
        {
            var back = Converted(there, source);
            Equivalence.AssertSameOutputs(model, back, atol, rtol, dims: dims);
        }

        return there;
    }

    /// <summary>Asserts the conversion is refused, the model is untouched, and returns the problems.</summary>
    public static IReadOnlyList<string> Refused(Model model, int target)
    {
        var before = ModelWriter.ToBytes(model);
        var problems = OpsetConversion.CanConvert(model, target);
        Assert.NotEmpty(problems);
        var error = Assert.Throws<OpsetConversionException>(() => PipelineRunner.Run(model, $"convert-opset{{version={target}}}"));
        Assert.Equal(problems, error.Problems);
        Assert.Equal(before, ModelWriter.ToBytes(model));
        return problems;
    }

    public static IEnumerable<Node> Ops(Model model, string opType) => model.Graph.AllNodes().Where(n => n.OpType == opType);
}
