using Google.Protobuf;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Protos;
using OnnxOpt.Graph.Serialization;
using Xunit;

namespace OnnxOpt.Graph.Tests;

/// <summary>
/// Fields from newer ONNX versions that this build does not know must survive read and write: a tool that
/// silently dropped them would corrupt models made by newer exporters.
/// </summary>
public sealed class UnknownFieldTests
{
    [Fact]
    public void Unknown_fields_on_every_kept_message_kind_survive_read_and_write()
    {
        var proto = ModelWriter.ToProto(SampleModel(), null);
        var graph = proto.Graph;
        var conv = graph.Node.Single(n => n.OpType == "Conv");
        var ifNode = graph.Node.Single(n => n.OpType == "If");
        var thenBranch = ifNode.Attribute.Single(a => a.Name == "then_branch").G;
        var targets = new Dictionary<string, IMessage>
        {
            ["model"] = proto,
            ["graph"] = graph,
            ["node"] = conv,
            ["attribute"] = conv.Attribute.Single(a => a.Name == "pads"),
            ["graph attribute"] = ifNode.Attribute.Single(a => a.Name == "then_branch"),
            ["initializer"] = graph.Initializer.Single(t => t.Name == "w"),
            ["input"] = graph.Input.Single(),
            ["output"] = graph.Output.Single(),
            ["value_info"] = graph.ValueInfo.Single(),
            ["subgraph"] = thenBranch,
            ["subgraph node"] = thenBranch.Node.Single(),
            ["subgraph initializer"] = thenBranch.Initializer.Single(),
        };
        int number = 900;
        foreach (var message in targets.Values)
        {
            message.MergeFrom(Unknown(number++));
        }

        var reread = ModelProto.Parser.ParseFrom(ModelWriter.ToBytes(ModelReader.Load(proto.ToByteArray())));

        var rereadGraph = reread.Graph;
        var rereadConv = rereadGraph.Node.Single(n => n.OpType == "Conv");
        var rereadIf = rereadGraph.Node.Single(n => n.OpType == "If");
        var rereadThen = rereadIf.Attribute.Single(a => a.Name == "then_branch").G;
        var found = new Dictionary<string, UnknownFieldSet?>
        {
            ["model"] = reread.Unknown,
            ["graph"] = rereadGraph.Unknown,
            ["node"] = rereadConv.Unknown,
            ["attribute"] = rereadConv.Attribute.Single(a => a.Name == "pads").Unknown,
            ["graph attribute"] = rereadIf.Attribute.Single(a => a.Name == "then_branch").Unknown,
            ["initializer"] = rereadGraph.Initializer.Single(t => t.Name == "w").Unknown,
            ["input"] = rereadGraph.Input.Single().Unknown,
            ["output"] = rereadGraph.Output.Single().Unknown,
            ["value_info"] = rereadGraph.ValueInfo.Single().Unknown,
            ["subgraph"] = rereadThen.Unknown,
            ["subgraph node"] = rereadThen.Node.Single().Unknown,
            ["subgraph initializer"] = rereadThen.Initializer.Single().Unknown,
        };
        number = 900;
        foreach (var (what, _) in targets)
        {
            Assert.True(found[what] is not null, $"unknown fields of the {what} were dropped");
            Assert.True(Unknown(number).AsSpan().SequenceEqual(Serialize(found[what]!)), $"unknown fields of the {what} changed");
            number++;
        }
    }

    [Fact]
    public void Unknown_fields_of_a_value_survive_a_type_change_by_a_pass()
    {
        var proto = ModelWriter.ToProto(SampleModel(), null);
        proto.Graph.Input.Single().MergeFrom(Unknown(950));
        var model = ModelReader.Load(proto.ToByteArray());

        model.Graph.Inputs[0].ElementType = DataType.Float16;
        var reread = ModelProto.Parser.ParseFrom(ModelWriter.ToBytes(model));

        Assert.Equal((int)DataType.Float16, reread.Graph.Input.Single().Type.TensorType.ElemType);
        Assert.Equal(Unknown(950), Serialize(reread.Graph.Input.Single().Unknown!));
    }

    /// <summary>Field <paramref name="number"/> twice: as a varint and as a length-delimited blob (both wire types a newer schema may use).</summary>
    private static byte[] Unknown(int number)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(number, WireFormat.WireType.Varint);
        output.WriteUInt64(123456789012UL + (ulong)number);
        output.WriteTag(number + 1000, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFromUtf8("future field " + number));
        output.Flush();
        return buffer.ToArray();
    }

    private static byte[] Serialize(UnknownFieldSet fields)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        fields.WriteTo(output);
        output.Flush();
        return buffer.ToArray();
    }

    private static Model SampleModel()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", DataType.Float, 1, 3, 4, 4);
        var w = b.Constant("w", Tensor.Create(new float[27], 1, 3, 3, 3));
        var y = b.Op("Conv", "conv", [x, w], NodeAttribute.Ints("pads", 1, 1, 1, 1));
        y.ElementType = DataType.Float;
        var cond = b.Constant("cond", Tensor.Scalar(true));
        var branch = new OnnxGraph("then");
        var one = branch.AddInitializer("one", Tensor.Scalar(1f));
        branch.AddOutput(branch.AddNode("Add", [y, one], name: "inner", outputNames: ["inner_y"]).Outputs[0]);
        var otherwise = new OnnxGraph("else");
        otherwise.AddOutput(otherwise.AddNode("Identity", [y], name: "inner2", outputNames: ["inner2_y"]).Outputs[0]);
        var node = b.Graph.AddNode("If", [cond], name: "if", attributes: [NodeAttribute.FromGraph("then_branch", branch), NodeAttribute.FromGraph("else_branch", otherwise)], outputNames: ["out"]);
        b.Output(node.Outputs[0], type: DataType.Float);
        return b.Build();
    }
}
