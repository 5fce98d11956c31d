using OnnxOpt.Backends.OnnxRuntime.Safety;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Reliability.Tests;

/// <summary>Class 1: nothing run on untrusted constants may kill the process (ONNX Runtime raises SIGFPE on MIN / -1 and zero divisors).</summary>
public sealed class NativeCrashTests
{
    [Theory]
    [InlineData("Div")]
    [InlineData("Mod")]
    public void Folding_min_divided_by_minus_one_keeps_the_node_and_the_process(string opType)
    {
        using var temp = new TempDirectory();
        string input = Models.Save(Models.ConstantMinDividedByMinusOne(opType), temp.File("m.onnx"));

        var run = Run.Cli("optimize", input, "-o", temp.File("out.onnx"), "--pipeline", "fold-constants");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(ModelReader.Load(temp.File("out.onnx")).Graph.Nodes, n => n.OpType == opType);
    }

    [Fact]
    public void Verify_of_a_model_computing_int32_min_over_minus_one_reports_one_error_line()
    {
        using var temp = new TempDirectory();
        string model = Models.Save(Models.ComputedInt32MinDividedByMinusOne(), temp.File("m.onnx"));

        var run = Run.Cli("verify", model, model);

        run.AssertOneErrorLine(1);
        Assert.Contains("crashed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Hazards_are_integer_divisions_whose_divisor_is_unknown_zero_or_minus_one_with_a_possible_minimum()
    {
        Assert.Empty(NativeHazards.Find(Division(DataType.Int64, divisor: 2L)));
        Assert.Empty(NativeHazards.Find(Division(DataType.Float, divisor: null)));
        Assert.NotEmpty(NativeHazards.Find(Division(DataType.Int64, divisor: -1L)));
        Assert.NotEmpty(NativeHazards.Find(Division(DataType.Int64, divisor: 0L)));
        Assert.NotEmpty(NativeHazards.Find(Division(DataType.Int32, divisor: null)));
    }

    private static Model Division(DataType type, long? divisor)
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", type, 1);
        Value bottom = divisor is { } d
            ? b.Constant("d", type == DataType.Int32 ? Tensor.Create([(int)d], 1) : Tensor.Create([d], 1))
            : b.Input("d", type, 1);
        b.Output(b.Op("Div", "div", [x, bottom]), "y");
        return b.Build();
    }
}
