using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Opset;

/// <summary>The real Ultralytics exports converted down to 13 and 11 and back up give ONNX Runtime's original outputs.</summary>
public sealed class UltralyticsOpsetTests
{
    private static readonly Dictionary<string, long> Dims = new() { ["batch"] = 1, ["height"] = 640, ["width"] = 640 };

    public static TheoryData<string, int> Conversions() => new()
    {
        { "yolov8n.onnx", 13 },
        { "yolov8n.onnx", 11 },
        { "yolov8n-seg_320.onnx", 13 },
        { "yolov8n-seg_320.onnx", 11 },
        { "yolov8n_dynamic_shape.onnx", 13 },
        { "yolov8n_dynamic_shape.onnx", 11 },
    };

    [SkippableTheory]
    [MemberData(nameof(Conversions))]
    public void Export_converts_down_and_back_with_the_same_outputs(string file, int target)
    {
        string? path = SharedData.UltralyticsModel(file);
        Skip.If(path is null, SharedData.MissingMessage);
        var model = ModelReader.Load(path!);
        int source = (int)model.GetOpset()!.Value;

        var converted = OpsetAssert.RoundTrip(model, target, dims: Dims);

        Assert.True(source > target);
        Assert.All(OpsetAssert.Ops(converted, "Reshape"), n => Assert.False(n.HasAttribute("allowzero")));
        if (target < 13)
        {
            // Split sizes and Squeeze/Unsqueeze axes are attributes; the Softmax over axis 1 runs on the last axis between Transposes.
            Assert.All(OpsetAssert.Ops(converted, "Split"), n => Assert.True(n.HasAttribute("split") && n.Inputs.Count == 1));
            Assert.All(OpsetAssert.Ops(converted, "Unsqueeze").Concat(OpsetAssert.Ops(converted, "Squeeze")), n => Assert.True(n.HasAttribute("axes") && n.Inputs.Count == 1));
            Assert.All(OpsetAssert.Ops(converted, "Softmax"), n =>
            {
                Assert.Equal(-1, n.GetInt("axis", 0));
                Assert.Equal("Transpose", n.Input(0)!.Producer!.OpType);
            });
        }
        else
        {
            Assert.All(OpsetAssert.Ops(converted, "Split"), n => Assert.NotNull(n.Input(1)));
        }
    }
}
