using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Passes.Infrastructure;
using Xunit;

namespace OnnxOpt.Passes.Tests;

/// <summary>
/// An If branch that returns an outer value directly holds that value as firmly as a use: passes that remove
/// producers keep it or re-point the branch's output. (ONNX Runtime refuses to load such models, asking for an
/// Identity in between, so these tests check the structure rather than run the models; exporters still write them.)
/// </summary>
public sealed class SubgraphReturnPassTests
{
    [Fact]
    public void Fold_constants_points_a_branch_that_returns_a_folded_value_at_the_initializer()
    {
        var (model, sum, thenBranch) = IfReturning(foldable: true);
        PipelineRunner.Run(model, "fold-constants");

        var returned = thenBranch.Outputs[0];
        Assert.True(returned.IsInitializer);
        Assert.Equal(sum.Name, returned.Name);
        Assert.Equal([thenBranch], returned.ReturnedBy);
        Assert.Equal(["If"], model.Graph.Nodes.Select(n => n.OpType));
        Assert.Equal([3f + 1f, 4f + 2f], returned.ConstValue!.ToArray<float>());
        Assert.DoesNotContain(GraphVerifier.Verify(model), d => d.IsError);
    }

    [Fact]
    public void Cleanup_keeps_a_node_whose_only_reader_is_a_branch_return()
    {
        var (model, relu, thenBranch) = IfReturning(foldable: false);
        PipelineRunner.Run(model, "cleanup");

        Assert.Same(relu, thenBranch.Outputs[0]);
        Assert.Contains(model.Graph.Nodes, n => ReferenceEquals(n, relu.Producer));
        Assert.DoesNotContain(GraphVerifier.Verify(model), d => d.IsError);
    }

    /// <summary>
    /// y = If(cond) whose then-branch returns an outer value directly (a constant sum, or Relu(x)) and whose
    /// else-branch returns Neg(x).
    /// </summary>
    private static (Model Model, Value Returned, OnnxGraph Then) IfReturning(bool foldable)
    {
        var b = new ModelBuilder(opset: 13);
        var cond = b.Input("cond", DataType.Bool, Shape.Scalar);
        var x = b.Input("x", DataType.Float, 2);
        var returned = foldable
            ? b.Op("Add", "sum", [b.Constant("a", Tensor.Create([1f, 2f], 2)), b.Constant("b", Tensor.Create([3f, 4f], 2))])
            : b.Op("Relu", "relu", [x]);
        returned.ElementType = DataType.Float;
        returned.Shape = Shape.Of(2);
        var thenBranch = new OnnxGraph("then");
        thenBranch.AddOutput(returned);
        var elseBranch = new OnnxGraph("else");
        var neg = elseBranch.AddNode("Neg", [x], name: "neg", outputNames: ["neg_out"]).Output();
        neg.ElementType = DataType.Float;
        neg.Shape = Shape.Of(2);
        elseBranch.AddOutput(neg);
        var ifNode = b.Node("If", [cond], 1, "if", [NodeAttribute.FromGraph("then_branch", thenBranch), NodeAttribute.FromGraph("else_branch", elseBranch)]);
        b.Output(ifNode.Outputs[0], "y", DataType.Float, 2);
        return (b.Build(), returned, thenBranch);
    }
}
