using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Verification;
using Xunit;

namespace OnnxOpt.Graph.Tests;

/// <summary>
/// The fingerprint is stable while nothing changes and moves with every kind of structural edit, and so does the
/// cheap <see cref="ModelRevision"/> stamp that verify-each compares instead.
/// </summary>
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
    [InlineData("graph-name")]
    [InlineData("node-name")]
    [InlineData("remove-node")]
    [InlineData("initializer")]
    [InlineData("ir-version")]
    [InlineData("subgraph-rewire")]
    public void Every_kind_of_edit_changes_the_fingerprint_and_the_revision(string edit)
    {
        var (model, relu, branch) = Small();
        ulong before = StructuralFingerprint.Of(model);
        var revision = ModelRevision.Of(model);

        Edit(model, relu, branch, edit);

        Assert.NotEqual(before, StructuralFingerprint.Of(model));
        Assert.NotEqual(revision, ModelRevision.Of(model));
    }

    [Fact]
    public void The_revision_moves_whenever_the_fingerprint_does()
    {
        // verify-each trusts ModelRevision (O(1)) where tests also take the fingerprint (O(model)): over random edit
        // sequences, no edit may change the structure without moving the revision.
        string[] edits = ["op", "rewire", "attribute", "shape", "type", "rename", "add-node", "output", "subgraph", "graph-name", "node-name", "remove-node", "initializer", "subgraph-rewire", "ir-version", "none"];
        var random = new Random(14);
        for (int trial = 0; trial < 200; trial++)
        {
            var (model, relu, branch) = Small();
            for (int step = 0; step < 3; step++)
            {
                ulong before = StructuralFingerprint.Of(model);
                var revision = ModelRevision.Of(model);
                string edit = edits[random.Next(edits.Length)];
                Edit(model, relu, branch, edit);
                if (StructuralFingerprint.Of(model) != before)
                {
                    Assert.NotEqual(revision, ModelRevision.Of(model));
                }
                else if (edit == "none")
                {
                    Assert.Equal(revision, ModelRevision.Of(model));
                }
            }
        }
    }

    private static void Edit(Model model, Node relu, OnnxGraph branch, string edit)
    {
        var x = model.Graph.Inputs[0];
        switch (edit)
        {
            case "op": relu.OpType = relu.OpType == "Neg" ? "Relu" : "Neg"; break;
            case "rewire": relu.SetInput(0, relu.Input(0) == x ? model.Graph.Inputs[1] : x); break;
            case "attribute": relu.SetAttribute(NodeAttribute.Int("k", relu.GetInt("k", 0) + 1)); break;
            case "shape": relu.Output().Shape = Shape.Of((relu.Output().Shape?.Rank ?? 0) + 1); break;
            case "type": relu.Output().ElementType = relu.Output().ElementType == DataType.Float16 ? DataType.Float : DataType.Float16; break;
            case "rename": relu.Output().Name = model.Graph.UniqueName("renamed"); break;
            case "add-node": model.Graph.AddNode("Relu", [x]); break;
            case "output": model.Graph.SetOutput(0, model.Graph.Outputs[0] == x ? model.Graph.Inputs[1] : x); break;
            case "opset": model.OpsetImports[0] = new OpsetImport(string.Empty, 18); break;
            case "subgraph": branch.Nodes[0].OpType = branch.Nodes[0].OpType == "Abs" ? "Neg" : "Abs"; break;
            case "graph-name": model.Graph.Name += "_"; break;
            case "node-name": relu.Name += "_"; break;
            case "remove-node":
                if (model.Graph.Nodes.FirstOrDefault(n => !n.Outputs.Any(o => o.IsUsedOrReturned)) is { } dead)
                {
                    model.Graph.RemoveNode(dead);
                }
                else
                {
                    model.Graph.AddNode("Relu", [x]);
                }

                break;
            case "initializer": model.Graph.AddInitializer(model.Graph.UniqueName("w"), Tensor.Scalar(1f)); break;
            case "ir-version": model.IrVersion--; break;
            case "subgraph-rewire": branch.Nodes[0].SetInput(0, branch.Nodes[0].Input(0) == x ? relu.Output() : x); break;
        }
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
