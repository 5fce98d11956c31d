using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Text;
using Xunit;

namespace OnnxOpt.Graph.Tests;

public sealed class GraphPrinterTests
{
    [Fact]
    public void Prints_a_small_model_in_the_documented_stable_form()
    {
        Assert.Equal(Expected.ReplaceLineEndings(), GraphPrinter.Print(SmallModel()));
    }

    [Fact]
    public void Small_tensors_print_their_values_with_the_signedness_of_their_type()
    {
        Assert.Equal("uint64[2] [18446744073709551615, 1]", GraphPrinter.TensorText(Tensor.Create(new[] { ulong.MaxValue, 1UL }, 2)));
        Assert.Equal("int8[3] [-128, 0, 127]", GraphPrinter.TensorText(Tensor.Create(new sbyte[] { -128, 0, 127 }, 3)));
        Assert.Equal("float16[2] [-0, 65504]", GraphPrinter.TensorText(Tensor.Create(new[] { BitConverter.UInt16BitsToHalf(0x8000), Half.MaxValue }, 2)));
    }

    // The weights print as an FNV-1a hash of their bytes (checked independently); everything else prints in full.
    private const string Expected = """
        model ir_version=10 opsets={"":17, "com.example":1} producer="onnxopt builder"
        metadata stride = "32"
        metadata names = "{0: 'person', 1: 'bicycle'}"
        graph main(%x: float[batch,3,4,?]) -> (%y: float[?], %n: int64[2]) {
          const %w = float[2,3,3,3] hash=03ca48cf
          const %bias = float[2] [0.5, -1]
          const %steps = int64[2] [3, 4]
          const %flag = bool[] [1]
          %Conv_out = Conv(%x, %w, %bias) {pads=[1,1,1,1], auto_pad="NOTSET"} : float[batch,2,4,?]  # Conv
          %Relu_out = Relu(%Conv_out)  # Relu
          %y, _ = com.example::Tag(%Relu_out, _) {scale=0.5, labels=["a","b\"c"]} : float[?]  # tag
          %n = If(%flag) : int64[2]  # choose
            then_branch:
            graph then() -> (%more: undefined[?]) {
              const %one = int64[] [1]
              %more = Add(%steps, %one)  # inc
              return %more
            }
            else_branch:
            graph else() -> (%same_steps: undefined[?]) {
              %same_steps = Identity(%steps)  # same
              return %same_steps
            }
          return %y, %n
        }
        """ + "\n";

    private static Model SmallModel()
    {
        var b = new ModelBuilder(opset: 17);
        b.Model.SetOpset("com.example", 1);
        var x = b.Input("x", DataType.Float, new Shape([Dim.Symbol("batch"), 3, 4, Dim.Unknown]));
        var w = b.Constant("w", Tensor.Create(Enumerable.Range(0, 54).Select(i => i * 0.25f).ToArray(), 2, 3, 3, 3));
        var bias = b.Constant("bias", [0.5f, -1f], 2);
        var conv = b.Op("Conv", [x, w, bias], NodeAttribute.Ints("pads", 1, 1, 1, 1), NodeAttribute.String("auto_pad", "NOTSET"));
        conv.ElementType = DataType.Float;
        conv.Shape = new Shape([Dim.Symbol("batch"), 2, 4, Dim.Unknown]);
        var relu = b.Op("Relu", [conv]);
        var tag = b.Graph.AddNode("Tag", [relu, null], name: "tag", attributes: [NodeAttribute.Float("scale", 0.5f), NodeAttribute.Strings("labels", "a", "b\"c")], domain: "com.example", outputNames: ["tagged", string.Empty]);
        var steps = b.Constant("steps", Tensor.Create(new long[] { 3, 4 }, 2));
        var branch = new OnnxGraph("then");
        var one = branch.AddInitializer("one", Tensor.Scalar(1L));
        branch.AddOutput(branch.AddNode("Add", [steps, one], name: "inc", outputNames: ["more"]).Outputs[0]);
        var otherwise = new OnnxGraph("else");
        otherwise.AddOutput(otherwise.AddNode("Identity", [steps], name: "same", outputNames: ["same_steps"]).Outputs[0]);
        var cond = b.Constant("flag", Tensor.Scalar(true));
        var ifNode = b.Graph.AddNode("If", [cond], name: "choose", attributes: [NodeAttribute.FromGraph("then_branch", branch), NodeAttribute.FromGraph("else_branch", otherwise)], outputNames: ["count"]);
        b.Output(tag.Outputs[0], "y", DataType.Float);
        b.Output(ifNode.Outputs[0], "n", DataType.Int64, 2);
        b.Metadata("stride", "32");
        b.Metadata("names", "{0: 'person', 1: 'bicycle'}");
        return b.Build();
    }
}
