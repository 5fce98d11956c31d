using Google.Protobuf;
using OnnxOpt.Graph.Protos;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Reliability.Tests;

/// <summary>Class 10: optimize verifies its input first and says what is wrong with it.</summary>
public sealed class InputAcceptanceTests
{
    [Fact]
    public void An_unsorted_model_is_refused_before_any_pass_with_the_reason()
    {
        using var temp = new TempDirectory();
        string model = Write(temp.File("m.onnx"), p =>
        {
            var nodes = p.Graph.Node.Reverse().ToList();
            p.Graph.Node.Clear();
            p.Graph.Node.AddRange(nodes);
        });

        var run = Run.Cli("optimize", model, "-o", temp.File("out.onnx"), "--preset", "cleanup");

        run.AssertOneErrorLine(1);
        Assert.Contains("no pass was run", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ir", 0L)]
    [InlineData("ir", -1L)]
    [InlineData("ir", 99L)]
    [InlineData("opset", 99L)]
    [InlineData("opset", -3L)]
    public void Impossible_ir_versions_and_opsets_are_named(string field, long value)
    {
        using var temp = new TempDirectory();
        string model = Write(temp.File("m.onnx"), p =>
        {
            if (field == "ir")
            {
                p.IrVersion = value;
            }
            else
            {
                p.OpsetImport.Single(o => o.Domain.Length == 0).Version = value;
            }
        });

        var run = Run.Cli("optimize", model, "-o", temp.File("out.onnx"), "--preset", "cleanup");

        run.AssertOneErrorLine(1);
        Assert.Contains(field == "ir" ? $"ir_version {value}" : $"version {value}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_op_type_is_named()
    {
        using var temp = new TempDirectory();
        string model = Write(temp.File("m.onnx"), p => p.Graph.Node[0].OpType = string.Empty);

        var run = Run.Cli("optimize", model, "-o", temp.File("out.onnx"), "--preset", "cleanup");

        run.AssertOneErrorLine(1);
        Assert.Contains("empty op_type", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_omitted_required_input_is_named()
    {
        using var temp = new TempDirectory();
        string model = Write(temp.File("m.onnx"), p => p.Graph.Node[1].Input[0] = string.Empty);

        var run = Run.Cli("optimize", model, "-o", temp.File("out.onnx"), "--preset", "cleanup");

        run.AssertOneErrorLine(1);
        Assert.Contains("Relu needs input 0", run.Error, StringComparison.Ordinal);
    }

    /// <summary>A two-node model (y = Relu(x * w)) edited at the protobuf level, as a broken exporter would write it.</summary>
    private static string Write(string path, Action<ModelProto> edit)
    {
        var b = new OnnxOpt.Graph.Building.ModelBuilder(opset: 17);
        var x = b.Input("x", OnnxOpt.Graph.IR.DataType.Float, 4);
        var scaled = b.Op("Mul", "scale", [x, b.Constant("w", OnnxOpt.Graph.IR.Tensor.Create([1f, 2f, 3f, 4f], 4))]);
        b.Output(b.Op("Relu", "relu", [scaled]), "y");
        var proto = ModelProto.Parser.ParseFrom(ModelWriter.ToBytes(b.Build()));
        edit(proto);
        File.WriteAllBytes(path, proto.ToByteArray());
        return path;
    }
}
