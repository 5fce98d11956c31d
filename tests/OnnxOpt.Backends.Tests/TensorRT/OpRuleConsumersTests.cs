using OnnxOpt.Backends.TensorRT.Checking;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using Xunit;

namespace OnnxOpt.Backends.Tests.TensorRT;

/// <summary>The TensorRT pre-flight reads element types from the op-rule table and constants from the Graph layer's one definition.</summary>
public sealed class OpRuleConsumersTests
{
    [Fact]
    public void The_resolver_types_comparisons_and_integer_convs_from_the_table()
    {
        var b = new ModelBuilder(13);
        var x = b.Input("x", DataType.Float, 1, 1, 4, 4);
        var q = b.Node("DynamicQuantizeLinear", [x], 3);
        var w = b.Constant("w", Tensor.Create(new byte[4], 1, 1, 2, 2));
        var conv = b.Op("ConvInteger", [q.Outputs[0], w]);
        var less = b.Op("Less", [x, x]);
        var custom = b.Node("Thing", [x], domain: "com.example").Outputs[0];

        var resolver = new ElementTypeResolver();

        Assert.Equal(DataType.Int32, resolver.Resolve(conv));
        Assert.Equal(DataType.Float, resolver.Resolve(q.Outputs[1]));
        Assert.Equal(DataType.Bool, resolver.Resolve(less));
        Assert.Equal(DataType.Undefined, resolver.Resolve(custom));
    }

    [Fact]
    public void Parser_weights_follow_identity_but_an_overridable_initializer_is_not_a_weight()
    {
        var b = new ModelBuilder();
        var weight = b.Constant("w", Tensor.Create([1f, 2f], 2));
        var viaIdentity = b.Op("Identity", [weight]);
        var overridable = b.Constant("default", Tensor.Create([3f], 1));
        b.Graph.AddInput(overridable);

        Assert.NotNull(ParserWeights.TryGet(viaIdentity));
        Assert.Null(ParserWeights.TryGet(overridable));
        Assert.False(ParserWeights.IsConstantLike(b.Op("Identity", [overridable])));
    }
}
