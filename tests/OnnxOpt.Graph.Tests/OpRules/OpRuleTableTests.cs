using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.OpRules;
using Xunit;

namespace OnnxOpt.Graph.Tests.OpRules;

/// <summary>
/// The op-rule table answers each question its consumers used to answer from their own lists: the ops of every
/// former list are asked here, so a row that goes missing or changes fails by name.
/// </summary>
public sealed class OpRuleTableTests
{
    /// <summary>The union of the five former bool-output lists (verifier, shape rules, precision, opset, TensorRT).</summary>
    public static TheoryData<string> BoolOps() =>
        ["Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "Not", "And", "Or", "Xor", "IsNaN", "IsInf", "RegexFullMatch"];

    /// <summary>The former int64-output lists (verifier, precision, opset facts, TensorRT).</summary>
    public static TheoryData<string> Int64Ops() => ["Shape", "Size", "NonZero", "ArgMax", "ArgMin", "NonMaxSuppression"];

    /// <summary>CSE's and shape propagation's former "is nondeterministic" checks.</summary>
    public static TheoryData<string> RandomOps() =>
        ["RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Bernoulli", "Multinomial", "Dropout"];

    [Theory]
    [MemberData(nameof(BoolOps))]
    public void Bool_output_ops_are_one_list(string op)
    {
        Assert.True(OpRuleTable.ProducesBool(op));
        var node = Single(op, DataType.Float, 2);
        Assert.Equal(DataType.Bool, OpRuleTable.ElementTypeOf(node, 0, v => v?.ElementType ?? DataType.Undefined));
    }

    [Theory]
    [MemberData(nameof(Int64Ops))]
    public void Index_producing_ops_give_int64(string op)
    {
        var node = Single(op, DataType.Float, 1);
        Assert.Equal(DataType.Int64, OpRuleTable.KnownElementTypeOf(node, 0, v => v?.ElementType ?? DataType.Undefined));
        Assert.False(OpRuleTable.ProducesBool(op));
    }

    [Theory]
    [MemberData(nameof(RandomOps))]
    public void Random_ops_are_not_deterministic(string op) => Assert.False(OpRuleTable.IsDeterministic(Single(op, DataType.Float, 1)));

    [Fact]
    public void Ordinary_and_custom_ops_are_deterministic()
    {
        Assert.True(OpRuleTable.IsDeterministic(Single("Relu", DataType.Float, 1)));
        var builder = new ModelBuilder();
        var x = builder.Input("x", DataType.Float, 2);
        var custom = builder.Node("FusedThing", [x], domain: "com.example");
        Assert.True(OpRuleTable.IsDeterministic(custom));
        Assert.Null(OpRuleTable.Find(custom));
    }

    [Fact]
    public void Verifier_groups_match_the_former_type_constraints()
    {
        foreach (var op in new[] { "Add", "Sub", "Mul", "Div", "Max", "Min", "Sum", "Mean", "Concat", "MatMul", "Gemm", "Conv", "ConvTranspose" })
        {
            Assert.True(OpRuleTable.Find(op)!.AllInputsSameType, op);
        }

        foreach (var op in new[] { "Relu", "Softmax", "Reshape", "Gather", "Resize", "TopK", "Split", "LayerNormalization", "Dropout" })
        {
            Assert.Equal([0], OpRuleTable.Find(op)!.SameTypeInputs);
        }

        Assert.Equal([0, 1, 2], OpRuleTable.Find("Clip")!.SameTypeInputs);
        Assert.Equal([0, 2], OpRuleTable.Find("Pad")!.SameTypeInputs);
        Assert.Equal([1, 2], OpRuleTable.Find("Where")!.SameTypeInputs);
    }

    [Fact]
    public void Multi_output_ops_type_each_output()
    {
        DataType TypeOf(Value? v) => v?.ElementType ?? DataType.Undefined;
        var topK = Multi("TopK", DataType.Float16, 2, 2);
        Assert.Equal(DataType.Float16, OpRuleTable.ElementTypeOf(topK, 0, TypeOf));
        Assert.Equal(DataType.Int64, OpRuleTable.ElementTypeOf(topK, 1, TypeOf));
        var dropout = Multi("Dropout", DataType.Float, 1, 2);
        Assert.Equal(DataType.Bool, OpRuleTable.ElementTypeOf(dropout, 1, TypeOf));
        var split = Multi("Split", DataType.Double, 1, 3);
        Assert.Equal(DataType.Double, OpRuleTable.ElementTypeOf(split, 2, TypeOf));
    }

    [Fact]
    public void Quantization_ops_have_rows()
    {
        DataType TypeOf(Value? v) => v?.ElementType ?? DataType.Undefined;
        var b = new ModelBuilder(13);
        var x = b.Input("x", DataType.Float, 1, 3, 4, 4);
        var q = b.Node("DynamicQuantizeLinear", [x], 3);
        Assert.Equal([DataType.UInt8, DataType.Float, DataType.UInt8], Enumerable.Range(0, 3).Select(i => OpRuleTable.ElementTypeOf(q, i, TypeOf)));

        var w = b.Constant("w", Tensor.Create(new byte[8], 2, 1, 2, 2));
        Assert.Equal(DataType.Int32, OpRuleTable.ElementTypeOf(b.Node("ConvInteger", [q.Outputs[0], w, q.Outputs[2]]), 0, TypeOf));
        Assert.Equal(DataType.Int32, OpRuleTable.ElementTypeOf(b.Node("MatMulInteger", [q.Outputs[0], w]), 0, TypeOf));

        var scale = b.Constant("s", Tensor.Scalar(0.5f));
        var zeroInt8 = b.Constant("z", Tensor.Create(new sbyte[1], []));
        Assert.Equal(DataType.UInt8, OpRuleTable.ElementTypeOf(b.Node("QuantizeLinear", [x, scale]), 0, TypeOf));
        Assert.Equal(DataType.Int8, OpRuleTable.ElementTypeOf(b.Node("QuantizeLinear", [x, scale, zeroInt8]), 0, TypeOf));
        Assert.Equal(DataType.Float, OpRuleTable.ElementTypeOf(b.Node("DequantizeLinear", [zeroInt8, scale]), 0, TypeOf));
        var qconv = b.Node("QLinearConv", [q.Outputs[0], scale, zeroInt8, w, scale, zeroInt8, scale, zeroInt8]);
        Assert.Equal(DataType.Int8, OpRuleTable.ElementTypeOf(qconv, 0, TypeOf));
    }

    [Fact]
    public void Element_type_analysis_types_a_dynamic_int8_chain()
    {
        var b = new ModelBuilder(13);
        var x = b.Input("x", DataType.Float, 1, 1, 4, 4);
        var q = b.Node("DynamicQuantizeLinear", [x], 3);
        var w = b.Constant("w", Tensor.Create(new byte[4], 1, 1, 2, 2));
        var conv = b.Op("ConvInteger", [q.Outputs[0], w, q.Outputs[2]]);
        var cast = b.Op("Cast", [conv], NodeAttribute.Int("to", (long)DataType.Float));
        var scaled = b.Op("Mul", [cast, q.Outputs[1]]);
        var shape = b.Op("Shape", [scaled]);
        var equal = b.Op("Equal", [shape, shape]);
        b.Output(equal, "y", DataType.Bool);

        var types = ElementTypeAnalysis.Run(b.Model);

        Assert.Equal(DataType.Int32, types.TypeOf(conv));
        Assert.Equal(DataType.Float, types.TypeOf(scaled));
        Assert.Equal(DataType.Int64, types.TypeOf(shape));
        Assert.All(b.Model.Graph.Nodes.SelectMany(n => n.Outputs), v => Assert.NotEqual(DataType.Undefined, types.TypeOf(v)));
    }

    [Fact]
    public void An_initializer_that_is_also_an_input_is_not_constant()
    {
        var b = new ModelBuilder();
        var plain = b.Constant("plain", Tensor.Create([1f, 2f], 2));
        var overridable = b.Constant("default", Tensor.Create([3f], 1));
        b.Graph.AddInput(overridable);
        var fromNode = b.Op("Constant", [], NodeAttribute.FromTensor("value", Tensor.Create([4L], 1)));

        Assert.NotNull(ConstantValues.TryGet(plain));
        Assert.Null(ConstantValues.TryGet(overridable));
        Assert.Equal([4L], ConstantValues.TryGetInts(fromNode)!);
        Assert.False(ConstantValues.IsConstant(null));
    }

    private static Node Single(string op, DataType type, int inputs)
    {
        var b = new ModelBuilder();
        var values = Enumerable.Range(0, inputs).Select(i => b.Input($"x{i}", type, 2)).ToArray();
        return b.Node(op, values);
    }

    private static Node Multi(string op, DataType type, int inputs, int outputs)
    {
        var b = new ModelBuilder();
        var values = Enumerable.Range(0, inputs).Select(i => b.Input($"x{i}", type, 2)).ToArray();
        return b.Node(op, values, outputs);
    }
}
