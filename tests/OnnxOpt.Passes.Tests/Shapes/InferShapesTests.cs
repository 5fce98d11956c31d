using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Shapes;

public sealed class InferShapesTests
{
    [Fact]
    public void Vision_ops_get_types_and_shapes()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 1, 3, 64, 64);
        var conv = b.Op("Conv", [x, b.Constant("w", Tensor.Create(new float[16 * 3 * 3 * 3], 16, 3, 3, 3))], NodeAttribute.Ints("strides", 2, 2), NodeAttribute.Ints("pads", 1, 1, 1, 1));
        var act = b.Op("Mul", [conv, b.Op("Sigmoid", [conv])]);
        var pool = b.Op("MaxPool", [act], NodeAttribute.Ints("kernel_shape", 5, 5), NodeAttribute.Ints("pads", 2, 2, 2, 2));
        var up = b.Op("Resize", [pool, null, b.Constant("scales", Tensor.Create([1f, 1f, 2f, 2f], 4))], NodeAttribute.String("mode", "nearest"));
        var cat = b.Op("Concat", [up, up], NodeAttribute.Int("axis", 1));
        var flat = b.Op("Reshape", [cat, b.Constant("shape", Tensor.Create([1L, 32L, -1L], 3))]);
        var t = b.Op("Transpose", [flat], NodeAttribute.Ints("perm", 0, 2, 1));
        var soft = b.Op("Softmax", [t], NodeAttribute.Int("axis", -1));
        var gap = b.Op("GlobalAveragePool", [conv]);
        var gemm = b.Op("Gemm", [b.Op("Flatten", [gap]), b.Constant("fc", Tensor.Create(new float[16 * 10], 10, 16))], NodeAttribute.Int("transB", 1));
        var arg = b.Op("ArgMax", [gemm], NodeAttribute.Int("axis", 1), NodeAttribute.Int("keepdims", 0));
        var reduced = b.Op("ReduceMean", [soft], NodeAttribute.Ints("axes", 1), NodeAttribute.Int("keepdims", 1));
        b.Output(reduced, "r");
        b.Output(arg, "a");
        var model = b.Build();

        PipelineRunner.Run(model, "infer-shapes");

        Assert.Equal(Shape.Of(1, 16, 32, 32), conv.Shape);
        Assert.Equal(Shape.Of(1, 16, 32, 32), pool.Shape);
        Assert.Equal(Shape.Of(1, 16, 64, 64), up.Shape);
        Assert.Equal(Shape.Of(1, 32, 4096), flat.Shape);
        Assert.Equal(Shape.Of(1, 4096, 32), soft.Shape);
        Assert.Equal(Shape.Of(1, 10), gemm.Shape);
        Assert.Equal(DataType.Int64, arg.ElementType);
        Assert.Equal(Shape.Of(1), arg.Shape);
        Assert.Equal(Shape.Of(1, 1, 32), reduced.Shape);
        Assert.Equal(DataType.Float, act.ElementType);
    }

    [Fact]
    public void Symbolic_dims_flow_through_and_declared_types_are_not_contradicted()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, new Shape([Dim.Symbol("batch"), Dim.Of(8)]));
        var y = b.Op("Relu", [x]);
        var z = b.Op("MatMul", [y, b.Constant("m", Tensor.Create(new float[8 * 4], 8, 4))]);
        z.Shape = Shape.Of(2, 5);
        b.Output(z, "z");
        var model = b.Build();

        var report = PipelineRunner.Run(model, "infer-shapes");

        Assert.Equal(new Shape([Dim.Symbol("batch"), Dim.Of(8)]), y.Shape);
        Assert.Equal(Shape.Of(2, 5), z.Shape);
        Assert.Contains(report.Diagnostics, d => d.Message.Contains("inferred shape [batch,4] but [2,5] is declared", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fully_typed_graph_is_left_unchanged()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 2, 2);
        b.Output(b.Op("Relu", [x]), "y", DataType.Float, 2, 2);
        var model = b.Build();

        Assert.False(PipelineRunner.Run(model, "infer-shapes").Changed);
    }

    [SkippableTheory]
    [MemberData(nameof(SharedData.FloatExports), MemberType = typeof(SharedData))]
    public void Ultralytics_exports_are_typed_and_still_compute_the_same(string file)
    {
        string? path = SharedData.UltralyticsModel(file);
        Skip.If(path is null, SharedData.MissingMessage);
        var original = ModelReader.Load(path);
        var model = Equivalence.Clone(original);

        var report = PipelineRunner.Run(model, "infer-shapes");

        Assert.DoesNotContain(report.Diagnostics, d => d.Message.Contains("declared", StringComparison.Ordinal));
        Assert.All(model.Graph.Nodes.SelectMany(n => n.Outputs), v => Assert.NotEqual(DataType.Undefined, v.ElementType));
        if (model.Graph.Inputs[0].Shape!.IsStatic)
        {
            Assert.All(model.Graph.Nodes.SelectMany(n => n.Outputs), v => Assert.True(v.Shape?.IsStatic, $"{v} has no static shape"));
            Equivalence.AssertSameOutputs(original, model);
        }
    }
}
