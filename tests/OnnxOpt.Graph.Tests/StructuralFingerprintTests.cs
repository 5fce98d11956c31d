using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Verification;
using Xunit;

namespace OnnxOpt.Graph.Tests;

/// <summary>The fingerprint is stable while nothing changes and moves with every kind of structural edit.</summary>
public sealed class StructuralFingerprintTests
{
    [Fact]
    public void Unchanged_models_keep_their_fingerprint()
    {
        var (model, _, _) = Small();

        Assert.Equal(StructuralFingerprint.Of(model), StructuralFingerprint.Of(model));
    }

    [Theory]
    [InlineData("op")]
    [InlineData("rewire")]
    [InlineData("attribute")]
    [InlineData("shape")]
    [InlineData("type")]
    [InlineData("rename")]
    [InlineData("add-node")]
    [InlineData("output")]
    [InlineData("opset")]
    [InlineData("subgraph")]
    public void Every_kind_of_edit_changes_the_fingerprint(string edit)
    {
        var (model, relu, branch) = Small();
        var x = model.Graph.Inputs[0];
        ulong before = StructuralFingerprint.Of(model);

        switch (edit)
        {
            case "op": relu.OpType = "Neg"; break;
            case "rewire": relu.SetInput(0, model.Graph.Inputs[1]); break;
            case "attribute": relu.SetAttribute(NodeAttribute.Int("k", 2)); break;
            case "shape": relu.Output().Shape = Shape.Of(3); break;
            case "type": relu.Output().ElementType = DataType.Float16; break;
            case "rename": relu.Output().Name = "renamed"; break;
            case "add-node": model.Graph.AddNode("Relu", [x]); break;
            case "output": model.Graph.SetOutput(0, x); break;
            case "opset": model.OpsetImports[0] = new OpsetImport(string.Empty, 18); break;
            case "subgraph": branch.Nodes[0].OpType = "Abs"; break;
        }

        Assert.NotEqual(before, StructuralFingerprint.Of(model));
    }

    private static (Model Model, Node Relu, OnnxGraph Branch) Small()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", DataType.Float, 2);
        b.Input("z", DataType.Float, 2);
        var relu = b.Op("Relu", "relu", [x], NodeAttribute.Int("k", 1));
        var branch = new OnnxGraph("branch");
        branch.AddOutput(branch.AddNode("Neg", [relu], name: "inner", outputNames: ["inner_y"]).Output());
        var other = new OnnxGraph("other");
        other.AddOutput(other.AddNode("Neg", [x], name: "inner2", outputNames: ["inner2_y"]).Output());
        var cond = b.Constant("cond", Tensor.Scalar(true));
        var ifNode = b.Graph.AddNode("If", [cond], name: "if", attributes: [NodeAttribute.FromGraph("then_branch", branch), NodeAttribute.FromGraph("else_branch", other)], outputNames: ["if_y"]);
        b.Output(ifNode.Output(), "y");
        return (b.Build(), relu.Producer!, branch);
    }
}
