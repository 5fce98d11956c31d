using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.TestSupport;
using Xunit;
using static OnnxOpt.Passes.Tests.Folding.FoldTestModels;

namespace OnnxOpt.Passes.Tests.Folding;

public sealed class FoldConstantsTests
{
    [Fact]
    public void Constant_node_forms_become_initializers_with_the_output_names()
    {
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", DataType.Float, 3);
        var f = b.Op("Constant", "c_float", [], NodeAttribute.Float("value_float", 2f));
        var fs = b.Op("Constant", "c_floats", [], NodeAttribute.Floats("value_floats", 1f, 2f, 3f));
        var i = b.Op("Constant", "c_int", [], NodeAttribute.Int("value_int", 7));
        var ints = b.Op("Constant", "c_ints", [], NodeAttribute.Ints("value_ints", 4, 5));
        var t = b.Op("Constant", "c_tensor", [], NodeAttribute.FromTensor("value", Tensor.Create([1.5f, 2.5f, 3.5f], 3)));
        b.Output(b.Op("Add", [b.Op("Mul", [x, f]), b.Op("Add", [fs, t])]), "y");
        b.Output(i, "i_out");
        b.Output(ints, "ints_out");
        var model = b.Build();

        var report = Fold(model);

        Assert.DoesNotContain(model.Graph.Nodes, n => n.OpType == "Constant");
        Assert.Equal([2f], Initializer(model, f.Name).ToArray<float>());
        Assert.Equal([7L], Initializer(model, "i_out").ToArray<long>());
        Assert.Equal([4L, 5L], Initializer(model, "ints_out").ToArray<long>());
        Assert.True(model.Graph.FindValue("ints_out")!.IsGraphOutput);
        Assert.Equal([2.5f, 4.5f, 6.5f], Initializer(model, model.Graph.Nodes.Single(n => n.OpType == "Add").Inputs[1]!.Name).ToArray<float>());
        Assert.Equal(2, model.Graph.Nodes.Count);
        Assert.Equal(3, Counter(report, "constants-converted"));
        Assert.Equal(6, Counter(report, "nodes-removed"));
    }

    [Fact]
    public void Shape_arithmetic_on_a_static_shape_folds_into_the_reshape_target()
    {
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", DataType.Float, 2, 3, 4);
        var shape = b.Op("Shape", [x]);
        var batch = b.Op("Gather", [shape, b.Constant("zero", Tensor.Scalar(0L))]);
        var target = b.Op("Concat", [b.Op("Unsqueeze", [batch, b.Constant("axes", Tensor.Create([0L], 1))]), b.Constant("minus1", Tensor.Create([-1L], 1))], NodeAttribute.Int("axis", 0));
        b.Output(b.Op("Reshape", [x, target]), "y");
        var model = b.Build();

        Fold(model);

        var reshape = Assert.Single(model.Graph.Nodes);
        Assert.Equal("Reshape", reshape.OpType);
        Assert.Equal([2L, -1L], reshape.Inputs[1]!.ConstValue!.ToArray<long>());
        Assert.Equal(target.Name, reshape.Inputs[1]!.Name);
        Assert.Equal(3, model.Graph.Initializers.Count + 2);
    }

    [Fact]
    public void Nodes_reading_graph_inputs_or_symbolic_shapes_are_not_folded()
    {
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", DataType.Float, new Shape([Dim.Symbol("batch"), Dim.Of(3)]));
        var scaled = b.Op("Mul", [x, b.Constant("two", Tensor.Scalar(2f))]);
        var shape = b.Op("Shape", [scaled]);
        b.Output(b.Op("Gather", [shape, b.Constant("zero", Tensor.Scalar(0L))]), "batch_size");
        b.Output(scaled, "y");
        var model = b.Build();

        var report = Fold(model);

        Assert.False(report.Changed);
        Assert.Equal(["Mul", "Shape", "Gather"], model.Graph.Nodes.Select(n => n.OpType));
    }

    [Fact]
    public void Known_dims_of_a_partly_symbolic_shape_fold()
    {
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", DataType.Float, new Shape([Dim.Symbol("batch"), Dim.Of(64)]));
        var channels = b.Op("Gather", [b.Op("Shape", [x]), b.Constant("one", Tensor.Scalar(1L))]);
        b.Output(b.Op("Cast", [channels], NodeAttribute.Int("to", (long)DataType.Float)), "c");
        var model = b.Build();

        Fold(model);

        Assert.Empty(model.Graph.Nodes);
        Assert.Equal([64f], Initializer(model, "c").ToArray<float>());
    }

    [Fact]
    public void Random_ops_and_quantization_are_skipped_unless_asked()
    {
        var b = new ModelBuilder(opset: 13);
        var like = b.Constant("like", Tensor.Create(new float[4], 4));
        b.Output(b.Op("RandomNormalLike", [like]), "noise");
        var q = b.Constant("q", Tensor.Create(new byte[] { 1, 2, 3 }, 3));
        b.Output(b.Op("DequantizeLinear", [q, b.Constant("scale", Tensor.Scalar(0.5f)), b.Constant("zp", Tensor.Scalar((byte)1))]), "w");
        var model = b.Build();

        Fold(model);
        Assert.Equal(["RandomNormalLike", "DequantizeLinear"], model.Graph.Nodes.Select(n => n.OpType));

        Fold(model, "fold-constants{fold-quantization=true}", new OrtConstantEvaluator());
        Assert.Equal(["RandomNormalLike"], model.Graph.Nodes.Select(n => n.OpType));
        Assert.Equal([0f, 0.5f, 1f], Initializer(model, "w").ToArray<float>());
    }

    [Fact]
    public void Results_over_the_size_threshold_stay_computed()
    {
        var b = new ModelBuilder(opset: 13);
        b.Output(b.Op("ConstantOfShape", [b.Constant("dims", Tensor.Create([1000L, 1000L], 2))], NodeAttribute.FromTensor("value", Tensor.Create([1f], 1))), "big");
        b.Output(b.Op("Expand", [b.Constant("one", Tensor.Create([1f], 1)), b.Constant("to", Tensor.Create([4L], 1))]), "small");
        var model = b.Build();

        var report = Fold(model, "fold-constants{size-threshold=1024}");

        Assert.Equal(["ConstantOfShape"], model.Graph.Nodes.Select(n => n.OpType));
        Assert.Equal(1, Counter(report, "skipped-over-threshold"));
        Assert.Equal([1f, 1f, 1f, 1f], Initializer(model, "small").ToArray<float>());
    }

    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    public void Squeeze_and_unsqueeze_axes_as_attribute_or_input(int opset)
    {
        var b = new ModelBuilder(opset: opset);
        var c = b.Constant("c", Tensor.Create([1f, 2f, 3f], 1, 3));
        var axes = b.Constant("axes", Tensor.Create([0L], 1));
        var attributes = opset < 13 ? new[] { NodeAttribute.Ints("axes", 0) } : [];
        var squeezed = b.Op("Squeeze", opset < 13 ? [c] : [c, axes], attributes);
        b.Output(b.Op("Unsqueeze", opset < 13 ? [squeezed] : [squeezed, axes], attributes), "y");
        var model = b.Build();

        Fold(model);

        Assert.Empty(model.Graph.Nodes);
        Assert.Equal([1L, 3L], Initializer(model, "y").Dims);
    }

    [Fact]
    public void Slice_with_attributes_before_opset_10_and_clip_with_attributes_before_11()
    {
        var b = new ModelBuilder(opset: 9);
        var c = b.Constant("c", Tensor.Create([-5f, 1f, 5f, 9f], 4));
        var sliced = b.Op("Slice", [c], NodeAttribute.Ints("starts", 1), NodeAttribute.Ints("ends", 100), NodeAttribute.Ints("axes", 0));
        b.Output(b.Op("Clip", [sliced], NodeAttribute.Float("min", 2f), NodeAttribute.Float("max", 6f)), "y");
        var model = b.Build();

        Fold(model);

        Assert.Equal([2f, 5f, 6f], Initializer(model, "y").ToArray<float>());
    }

    [Fact]
    public void Multi_output_split_folds_every_output()
    {
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", DataType.Float, 2);
        var split = b.Node("Split", [b.Constant("c", Tensor.Create([1f, 2f, 3f, 4f], 4))], 2, attributes: [NodeAttribute.Int("axis", 0)]);
        b.Output(b.Op("Add", [x, split.Outputs[0]]), "a");
        b.Output(split.Outputs[1], "second");
        var model = b.Build();

        Fold(model);

        Assert.Equal(["Add"], model.Graph.Nodes.Select(n => n.OpType));
        Assert.Equal([1f, 2f], model.Graph.Nodes[0].Inputs[1]!.ConstValue!.ToArray<float>());
        Assert.Equal([3f, 4f], Initializer(model, "second").ToArray<float>());
        Assert.DoesNotContain(model.Graph.Initializers, v => v.Name == "c");
    }

    [Fact]
    public void Ops_without_a_kernel_are_left_with_a_warning_or_evaluated_by_onnx_runtime()
    {
        Model Build()
        {
            var b = new ModelBuilder(opset: 13);
            b.Output(b.Op("Erf", [b.Constant("c", Tensor.Create([0f, 0.5f], 2))]), "y");
            return b.Build();
        }

        var alone = Build();
        var report = Fold(alone);
        Assert.Equal(["Erf"], alone.Graph.Nodes.Select(n => n.OpType));
        Assert.Contains(report.Diagnostics, d => d.Message.Contains("Erf has no built-in kernel", StringComparison.Ordinal));

        var withOrt = Build();
        Fold(withOrt, evaluator: new OrtConstantEvaluator());
        Assert.Empty(withOrt.Graph.Nodes);
        Assert.InRange(Initializer(withOrt, "y").ToArray<float>()[1], 0.5204f, 0.5206f);
    }

    [Fact]
    public void A_failing_onnx_runtime_subgraph_is_split_and_what_succeeds_is_kept()
    {
        var b = new ModelBuilder(opset: 13);
        var c = b.Constant("c", Tensor.Create([0f, 0.5f], 2));
        b.Output(b.Op("Erf", [c]), "good");
        b.Output(b.Op("Einsum", [c], NodeAttribute.String("equation", "i->zz")), "bad");
        var model = b.Build();

        var report = Fold(model, evaluator: new OrtConstantEvaluator());

        Assert.Equal(["Einsum"], model.Graph.Nodes.Select(n => n.OpType));
        Assert.NotNull(model.Graph.FindValue("good")!.ConstValue);
        Assert.Contains(report.Diagnostics, d => d.NodeName == model.Graph.Nodes[0].Name && d.Message.Contains("ONNX Runtime", StringComparison.Ordinal));
        Assert.True(Counter(report, "evaluator-sessions") >= 3);
    }

    [Fact]
    public void No_dead_nodes_or_unused_initializers_are_left_behind()
    {
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", DataType.Float, 4);
        var range = b.Op("Range", [b.Constant("s", Tensor.Scalar(0f)), b.Constant("l", Tensor.Scalar(4f)), b.Constant("d", Tensor.Scalar(1f))]);
        var weights = b.Op("Sqrt", [b.Op("Mul", [range, range])]);
        b.Output(b.Op("Mul", [x, weights]), "y");
        var model = b.Build();

        Fold(model);

        var mul = Assert.Single(model.Graph.Nodes);
        var init = Assert.Single(model.Graph.Initializers);
        Assert.Same(init, mul.Inputs[1]);
        Assert.Equal([0f, 1f, 2f, 3f], init.ConstValue!.ToArray<float>());
    }

    [Fact]
    public void A_folded_value_read_inside_a_subgraph_keeps_its_name_and_the_model_computes_the_same()
    {
        var b = new ModelBuilder(opset: 13);
        var cond = b.Input("cond", DataType.Bool, Shape.Scalar);
        var sum = b.Op("Add", "sum", [b.Constant("a", Tensor.Create([1f, 2f], 2)), b.Constant("b", Tensor.Create([3f, 4f], 2))]);
        OnnxOpt.Graph.IR.OnnxGraph Branch(string name, string op)
        {
            var branch = new OnnxOpt.Graph.IR.OnnxGraph(name);
            var output = branch.AddNode(op, [sum], name: name + "_op", outputNames: [name + "_out"]).Outputs[0];
            output.ElementType = DataType.Float;
            output.Shape = Shape.Of(2);
            branch.AddOutput(output);
            return branch;
        }

        var ifNode = b.Node("If", [cond], 1, "if", [NodeAttribute.FromGraph("then_branch", Branch("then", "Identity")), NodeAttribute.FromGraph("else_branch", Branch("else", "Neg"))]);
        b.Output(ifNode.Outputs[0], "y", DataType.Float, 2);
        var model = b.Build();
        var original = Equivalence.Clone(model);

        Fold(model);

        Assert.Equal(["If"], model.Graph.Nodes.Select(n => n.OpType));
        Assert.Equal([4f, 6f], Initializer(model, sum.Name).ToArray<float>());
        Assert.Same(model.Graph.FindValue(sum.Name), ifNode.Subgraphs().First().Nodes[0].Inputs[0]);
        Equivalence.AssertSameOutputs(original, model);
    }
}
