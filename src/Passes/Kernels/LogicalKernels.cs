using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Kernels;

/// <summary>Comparisons (bool results), the bool connectives and Where, with broadcasting.</summary>
internal static class LogicalKernels
{
    public static IReadOnlyList<Tensor> Equal(KernelCall c) => [Elementwise.Compare("Equal", c.Input(0), c.Input(1), (x, y) => x == y, (x, y) => x == y)];

    public static IReadOnlyList<Tensor> Less(KernelCall c) => [Elementwise.Compare("Less", c.Input(0), c.Input(1), (x, y) => x < y, (x, y) => x < y)];

    public static IReadOnlyList<Tensor> LessOrEqual(KernelCall c) => [Elementwise.Compare("LessOrEqual", c.Input(0), c.Input(1), (x, y) => x <= y, (x, y) => x <= y)];

    public static IReadOnlyList<Tensor> Greater(KernelCall c) => [Elementwise.Compare("Greater", c.Input(0), c.Input(1), (x, y) => x > y, (x, y) => x > y)];

    public static IReadOnlyList<Tensor> GreaterOrEqual(KernelCall c) => [Elementwise.Compare("GreaterOrEqual", c.Input(0), c.Input(1), (x, y) => x >= y, (x, y) => x >= y)];

    public static IReadOnlyList<Tensor> And(KernelCall c) => [Connective(c, "And", (x, y) => x & y)];

    public static IReadOnlyList<Tensor> Or(KernelCall c) => [Connective(c, "Or", (x, y) => x | y)];

    public static IReadOnlyList<Tensor> Xor(KernelCall c) => [Connective(c, "Xor", (x, y) => x ^ y)];

    public static IReadOnlyList<Tensor> Not(KernelCall c)
    {
        var x = RequireBool(c.Input(0), "Not");
        var values = Numeric.Integers(x);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = values[i] == 0 ? 1 : 0;
        }

        return [Numeric.FromIntegers(values, x.DimsArray(), DataType.Bool)];
    }

    /// <summary>Where works on any element type: the result gathers from X and Y joined end to end.</summary>
    public static IReadOnlyList<Tensor> Where(KernelCall c)
    {
        var condition = RequireBool(c.Input(0), "Where");
        var x = c.Input(1);
        var y = c.Input(2);
        if (x.DataType != y.DataType)
        {
            throw new KernelException($"Where: X is {x.DataType.OnnxName()} but Y is {y.DataType.OnnxName()}");
        }

        var dims = TensorMath.Broadcast("Where", condition.Dims, x.Dims, y.Dims);
        int count = (int)TensorMath.Count(dims);
        var mapC = TensorMath.BroadcastMap(condition.Dims, dims);
        var mapX = TensorMath.BroadcastMap(x.Dims, dims);
        var mapY = TensorMath.BroadcastMap(y.Dims, dims);
        var flags = condition.Span<byte>();
        int offset = (int)x.ElementCount;
        var map = new int[count];
        for (int i = 0; i < count; i++)
        {
            map[i] = flags[mapC is null ? i : mapC[i]] != 0 ? (mapX is null ? i : mapX[i]) : offset + (mapY is null ? i : mapY[i]);
        }

        var joined = ElementCopy.Join([x, y], [x.ElementCount + y.ElementCount], x.DataType);
        return [ElementCopy.Gather(joined, map, dims)];
    }

    private static Tensor Connective(KernelCall c, string op, Func<long, long, long> f)
    {
        var a = RequireBool(c.Input(0), op);
        var b = RequireBool(c.Input(1), op);
        var values = Elementwise.Integers(op, a, b, f, out var dims);
        return Numeric.FromIntegers(values, dims, DataType.Bool);
    }

    private static Tensor RequireBool(Tensor t, string op) =>
        t.DataType == DataType.Bool ? t : throw new KernelException($"{op}: expected bool input, got {t.DataType.OnnxName()}");
}
