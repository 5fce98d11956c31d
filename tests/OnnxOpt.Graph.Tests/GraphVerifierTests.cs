using Google.Protobuf;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Protos;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Tests.Support;
using OnnxOpt.Graph.Verification;
using Xunit;

namespace OnnxOpt.Graph.Tests;

public sealed class GraphVerifierTests
{
    [Fact]
    public void A_valid_model_has_no_diagnostics()
    {
        var (b, x) = OneInput();
        b.Output(b.Op("Add", [b.Op("Relu", [x]), b.Constant("k", Tensor.Scalar(1f))]), "y", DataType.Float);

        Assert.Empty(GraphVerifier.Verify(b.Build()));
    }

    [Fact]
    public void Nodes_out_of_topological_order_are_reported()
    {
        var (b, x) = OneInput();
        var relu = b.Op("Relu", "relu", [x]);
        var neg = b.Op("Neg", "neg", [relu]);
        b.Output(neg, "y");
        b.Graph.ReorderNodes([neg.Producer!, relu.Producer!]);

        var error = Assert.Single(Errors(b.Build()));

        Assert.Contains("topological order", error.Message);
        Assert.Equal("neg", error.NodeName);
    }

    [Fact]
    public void A_cycle_made_through_the_API_is_reported_with_its_nodes()
    {
        var (b, x) = OneInput();
        var first = b.Op("Add", "first", [x, x]);
        var second = b.Op("Relu", "second", [first]);
        var third = b.Op("Neg", "third", [second]);
        b.Output(third, "y");
        first.Producer!.SetInput(1, third);

        var cycle = Assert.Single(Errors(b.Build()), d => d.Message.Contains("cycle"));

        Assert.Contains("the graph has a cycle", cycle.Message);
        Assert.All(["'first'", "'second'", "'third'"], name => Assert.Contains(name, cycle.Message));
    }

    [Fact]
    public void Add_of_float_and_float16_is_a_type_mismatch()
    {
        var (b, x) = OneInput();
        var half = b.Constant("half", Tensor.Create(new Half[] { (Half)1 }, 1));
        b.Output(b.Op("Add", "add", [x, half]), "y");

        var error = Assert.Single(Errors(b.Build()));

        Assert.Equal("add", error.NodeName);
        Assert.Contains("input 1 'half' is float16 but input 0 'x' is float", error.Message);
    }

    [Fact]
    public void An_output_declared_with_another_type_than_the_inputs_is_a_mismatch()
    {
        var (b, x) = OneInput();
        b.Output(b.Op("Relu", "relu", [x]), "y", DataType.Float16);

        Assert.Contains("output 'y' is declared float16 but input 0 'x' is float", Assert.Single(Errors(b.Build())).Message);
    }

    [Fact]
    public void A_cast_whose_output_type_differs_from_to_is_reported()
    {
        var (b, x) = OneInput();
        b.Output(b.Op("Cast", "cast", [x], NodeAttribute.Int("to", (long)DataType.Float16)), "y", DataType.Float);

        Assert.Contains("Cast to float16 declares its output 'y' as float", Assert.Single(Errors(b.Build())).Message);
    }

    [Fact]
    public void Fixed_output_types_are_checked()
    {
        var (b, x) = OneInput();
        b.Output(b.Op("Shape", "shape", [x]), "y", DataType.Int32);

        Assert.Contains("Shape output 'y' must be int64", Assert.Single(Errors(b.Build())).Message);
    }

    [Fact]
    public void An_initializer_declared_with_another_type_than_its_data_is_reported()
    {
        var (b, x) = OneInput();
        var w = b.Constant("w", Tensor.Scalar(1f));
        b.Output(b.Op("Mul", [x, w]), "y");

        w.ElementType = DataType.Float16;

        Assert.Contains(Errors(b.Build()), d => d.Message.Contains("initializer 'w' holds float data but is declared float16"));
    }

    [Fact]
    public void A_graph_output_produced_nowhere_in_the_graph_is_reported()
    {
        var (b, x) = OneInput();
        var elsewhere = new ModelBuilder().Input("stranger", DataType.Float, 1);
        b.Output(b.Op("Relu", [x]), "y");
        b.Graph.AddOutput(elsewhere);

        Assert.Contains("graph output 'stranger' is not produced", Assert.Single(Errors(b.Build())).Message);
    }

    [Fact]
    public void An_input_listed_twice_is_a_duplicate_name()
    {
        var (b, x) = OneInput();
        b.Output(b.Op("Relu", [x]), "y");
        b.Graph.AddInput(x);

        Assert.Contains("value 'x' is defined more than once", Assert.Single(Errors(b.Build())).Message);
    }

    [Fact]
    public void Duplicate_node_names_are_a_warning()
    {
        var (b, x) = OneInput();
        b.Output(b.Op("Relu", "same", [b.Op("Relu", "same", [x])]), "y");

        var warning = Assert.Single(GraphVerifier.Verify(b.Build()));

        Assert.False(warning.IsError);
        Assert.Contains("not unique", warning.Message);
    }

    [Fact]
    public void A_subgraph_value_that_reuses_an_outer_name_is_reported()
    {
        var then = new GraphProto { Name = "then" };
        then.Node.Add(ProtoModels.Node("Neg", "inner", ["x"], "y"));
        then.Output.Add(ProtoModels.FloatInfo("y"));
        var otherwise = new GraphProto { Name = "else" };
        otherwise.Node.Add(ProtoModels.Node("Identity", "inner2", ["x"], "z"));
        otherwise.Output.Add(ProtoModels.FloatInfo("z"));
        var ifNode = ProtoModels.Node("If", "if", ["c"], "out");
        ifNode.Attribute.Add(new AttributeProto { Name = "then_branch", Type = AttributeProto.Types.AttributeType.Graph, G = then });
        ifNode.Attribute.Add(new AttributeProto { Name = "else_branch", Type = AttributeProto.Types.AttributeType.Graph, G = otherwise });
        var graph = ProtoModels.Graph(ProtoModels.Node("Relu", "outer", ["x"], "y"), ifNode);
        graph.Input.Add(new ValueInfoProto { Name = "c" });
        graph.Output.Add(ProtoModels.FloatInfo("out"));

        var model = ModelReader.Load(ProtoModels.Model(graph).ToByteArray());

        var error = Assert.Single(Errors(model));
        Assert.Contains("'y' is also defined in an enclosing graph", error.Message);
        Assert.Equal("then", error.GraphName);
    }

    [Fact]
    public void A_subgraph_reading_an_outer_value_produced_after_its_node_is_reported()
    {
        var (b, x) = OneInput();
        var branch = new OnnxGraph("branch");
        var otherwise = new OnnxGraph("otherwise");
        var cond = b.Constant("cond", Tensor.Scalar(true));
        var ifNode = b.Graph.AddNode("If", [cond], name: "if", outputNames: ["if_y"]);
        var late = b.Op("Relu", "late", [x]);
        branch.AddOutput(branch.AddNode("Neg", [late], name: "inner", outputNames: ["inner_y"]).Outputs[0]);
        otherwise.AddOutput(otherwise.AddNode("Neg", [x], name: "inner2", outputNames: ["inner2_y"]).Outputs[0]);
        ifNode.SetAttribute(NodeAttribute.FromGraph("then_branch", branch));
        ifNode.SetAttribute(NodeAttribute.FromGraph("else_branch", otherwise));
        b.Output(ifNode.Outputs[0], "y");

        var error = Assert.Single(Errors(b.Build()));

        Assert.Equal("inner", error.NodeName);
        Assert.Contains("node 'late' produces it only after", error.Message);
    }

    [Fact]
    public void A_model_with_default_domain_nodes_and_no_default_opset_is_reported()
    {
        var (b, x) = OneInput();
        b.Output(b.Op("Relu", [x]), "y");
        b.Model.OpsetImports.Clear();

        Assert.Contains("imports no default opset", Assert.Single(Errors(b.Build())).Message);
    }

    [Fact]
    public void ThrowIfInvalid_reports_the_first_error_and_how_many_more()
    {
        var (b, x) = OneInput();
        var half = b.Constant("half", Tensor.Create(new Half[] { (Half)1 }, 1));
        b.Output(b.Op("Add", "a1", [x, half]), "y");
        b.Output(b.Op("Mul", "a2", [x, half]), "z");

        var error = Assert.Throws<OnnxFormatException>(() => GraphVerifier.ThrowIfInvalid(b.Build()));

        Assert.StartsWith("invalid model: node 'a1': Add input 1", error.Message);
        Assert.EndsWith("(and 1 more)", error.Message);
    }

    private static (ModelBuilder Builder, Value X) OneInput()
    {
        var b = new ModelBuilder();
        return (b, b.Input("x", DataType.Float, 1, 4));
    }

    private static List<Diagnostic> Errors(Model model) => GraphVerifier.Verify(model).Where(d => d.IsError).ToList();
}
