using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Reliability.Tests;

/// <summary>Small hostile-but-valid models for the regression tests.</summary>
public static class Models
{
    public static string Save(Model model, string path, WriteOptions? options = null)
    {
        ModelWriter.Save(model, path, options);
        return path;
    }

    /// <summary>y = x + (MIN / -1) with both division operands constants: folding must leave the Div alone.</summary>
    public static Model ConstantMinDividedByMinusOne(string opType = "Div")
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Int64, 1);
        var quotient = b.Op(opType, "overflow", [b.Constant("min", Tensor.Create([long.MinValue], 1)), b.Constant("minus_one", Tensor.Create([-1L], 1))]);
        b.Output(b.Op("Add", "add", [x, quotient]), "y");
        return b.Build();
    }

    /// <summary>y = ((x - x) + INT32_MIN) / -1: the dividend is computed at run time, so only running it shows the overflow.</summary>
    public static Model ComputedInt32MinDividedByMinusOne()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Int32, 1);
        var zero = b.Op("Sub", "zero", [x, x]);
        var min = b.Op("Add", "min", [zero, b.Constant("int_min", Tensor.Create([int.MinValue], 1))]);
        b.Output(b.Op("Div", "overflow", [min, b.Constant("minus_one", Tensor.Create([-1], 1))]), "y");
        return b.Build();
    }

    /// <summary>y = x * w with a 4 KB weight, large enough to go to an external data file.</summary>
    public static Model WithWeight(float value)
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 1024);
        b.Output(b.Op("Mul", "scale", [x, b.Constant("w", Tensor.Create(Enumerable.Repeat(value, 1024).ToArray(), 1024))]), "y");
        return b.Build();
    }
}
