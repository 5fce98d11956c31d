using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Verification;
using Xunit;

namespace OnnxOpt.Graph.Tests.OpRules;

/// <summary>The verifier checks declared types against the op-rule table, including ops the old lists missed.</summary>
public sealed class TypeRuleVerificationTests
{
    [Fact]
    public void A_comparison_declared_float_is_an_error()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", DataType.Float, 2);
        var equal = b.Op("Equal", [x, x]);
        equal.ElementType = DataType.Float;
        b.Output(equal, "y");

        Assert.Contains(GraphVerifier.Verify(b.Model), d => d.IsError && d.Message.Contains("Equal output", StringComparison.Ordinal)
            && d.Message.Contains("bool", StringComparison.Ordinal));
    }

    [Fact]
    public void A_conv_integer_declared_float_is_an_error_and_int32_is_fine()
    {
        var b = new ModelBuilder(13);
        var x = b.Input("x", DataType.UInt8, 1, 1, 4, 4);
        var w = b.Constant("w", Tensor.Create(new byte[4], 1, 1, 2, 2));
        var conv = b.Op("ConvInteger", [x, w]);
        b.Output(conv, "y", DataType.Int32);
        Assert.DoesNotContain(GraphVerifier.Verify(b.Model), d => d.IsError);

        conv.ElementType = DataType.Float;
        Assert.Contains(GraphVerifier.Verify(b.Model), d => d.IsError && d.Message.Contains("ConvInteger output 'y' must be int32 but is declared float", StringComparison.Ordinal));
    }

    [Fact]
    public void A_topk_index_output_declared_float_is_an_error()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", DataType.Float, 4);
        var k = b.Constant("k", Tensor.Create([2L], 1));
        var topK = b.Node("TopK", [x, k], 2);
        b.Output(topK.Outputs[0], "values", DataType.Float);
        b.Output(topK.Outputs[1], "indices", DataType.Float);

        Assert.Contains(GraphVerifier.Verify(b.Model), d => d.IsError && d.Message.Contains("TopK output 'indices'", StringComparison.Ordinal));
    }
}
