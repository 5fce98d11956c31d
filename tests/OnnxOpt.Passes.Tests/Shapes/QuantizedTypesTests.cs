using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace OnnxOpt.Passes.Tests.Shapes;

/// <summary>
/// `infer-shapes` types ONNX Runtime's dynamic-quantization ops and everything after them from the op-rule table
/// (issue 14: 305 values of the shared INT8 export were untyped; onnx's own inference types all of them).
/// </summary>
public sealed class QuantizedTypesTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void The_dynamic_int8_export_is_fully_typed()
    {
        string? path = SharedData.UltralyticsModel("yolov8n_int8_dynamic.onnx");
        Skip.If(path is null, SharedData.MissingMessage);
        var model = ModelReader.Load(path!);

        var report = PipelineRunner.Run(model, "infer-shapes");

        var values = model.Graph.AllNodes().SelectMany(n => n.Outputs).Where(v => v.Name.Length > 0).ToList();
        var untyped = values.Where(v => v.ElementType == DataType.Undefined).Select(v => $"{v.Name} ({v.Producer!.OpType})").ToList();
        output.WriteLine($"{values.Count} node outputs, {report.Runs[0].Statistics.Get("values-typed")} typed by infer-shapes, {untyped.Count} untyped");
        Assert.Empty(untyped);
        Assert.All(values.Where(v => v.Producer!.OpType == "ConvInteger"), v => Assert.Equal(DataType.Int32, v.ElementType));
        Assert.All(values.Where(v => v.Producer!.OpType == "ConvInteger"), v => Assert.Equal(4, v.Shape?.Rank));
    }

    [Fact]
    public void A_dynamic_quantized_conv_gets_types_and_shapes()
    {
        var b = new ModelBuilder(13);
        var x = b.Input("x", DataType.Float, 1, 2, 5, 5);
        var q = b.Node("DynamicQuantizeLinear", [x], 3);
        var w = b.Constant("w", Tensor.Create(new byte[3 * 2 * 3 * 3], 3, 2, 3, 3));
        var conv = b.Op("ConvInteger", [q.Outputs[0], w, q.Outputs[2]]);
        var cast = b.Op("Cast", [conv], NodeAttribute.Int("to", (long)DataType.Float));
        var y = b.Op("Mul", [cast, q.Outputs[1]]);
        var a = b.Input("a", DataType.UInt8, 4, 6);
        var bm = b.Constant("bm", Tensor.Create(new byte[6 * 2], 6, 2));
        var mm = b.Op("MatMulInteger", [a, bm]);
        b.Output(y, "y");
        b.Output(mm, "mm");

        PipelineRunner.Run(b.Model, "infer-shapes");

        Assert.Equal((DataType.UInt8, "[1,2,5,5]"), (q.Outputs[0].ElementType, q.Outputs[0].Shape?.ToString()));
        Assert.Equal((DataType.Float, 0), (q.Outputs[1].ElementType, q.Outputs[1].Shape?.Rank));
        Assert.Equal((DataType.Int32, "[1,3,3,3]"), (conv.ElementType, conv.Shape?.ToString()));
        Assert.Equal((DataType.Float, "[1,3,3,3]"), (y.ElementType, y.Shape?.ToString()));
        Assert.Equal((DataType.Int32, "[4,2]"), (mm.ElementType, mm.Shape?.ToString()));
    }
}
