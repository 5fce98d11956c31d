using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Tests.Pruning.Channels;

/// <summary>
/// Seeded random NCHW networks for the structured-pruning tests: a stem Conv, then blocks drawn from residual Adds,
/// C2f-like Split/Concat blocks, depthwise and grouped Convs, Concats of branches, BatchNormalization, per-channel
/// constants, channel Slices, MaxPool and Resize, with SiLU exported as x*sigmoid(x); a final Conv makes the output.
/// </summary>
internal sealed class ChannelNetworks
{
    private readonly ModelBuilder _b = new(17);
    private readonly Random _random;
    private readonly bool _affine;
    private int _names;

    private ChannelNetworks(int seed, bool affine)
    {
        _random = new Random(seed);
        _affine = affine;
    }

    public const int Spatial = 6;

    /// <param name="affine">Allow BatchNormalization and per-channel Mul/Add constants (which map a zero channel to a non-zero one).</param>
    public static Model Random(int seed, bool affine = true)
    {
        var net = new ChannelNetworks(seed, affine);
        return net.Build();
    }

    private Model Build()
    {
        var x = _b.Input("x", DataType.Float, 1, 3, Spatial, Spatial);
        int channels = 8 * _random.Next(1, 4);
        x = SiLU(Conv(x, 3, channels, 3));
        int blocks = _random.Next(2, 6);
        for (int i = 0; i < blocks; i++)
        {
            (x, channels) = _random.Next(_affine ? 10 : 7) switch
            {
                0 => Residual(x, channels),
                1 => C2f(x, channels),
                2 => Depthwise(x, channels),
                3 => Grouped(x, channels),
                4 => Branches(x, channels),
                5 => Pools(x, channels),
                6 => SliceBlock(x, channels),
                7 => Normalized(x, channels),
                _ => Affine(x, channels),
            };
        }

        var y = Conv(x, channels, 5, 1);
        _b.Output(y, "y", DataType.Float, 1, 5, Spatial, Spatial);
        return _b.Build();
    }

    private string Name(string op) => $"/blk{_names++}/{op}";

    private float[] Normal(int count, double scale) =>
        Enumerable.Range(0, count).Select(_ => (float)(scale * (_random.NextDouble() + _random.NextDouble() - 1))).ToArray();

    private Value Conv(Value x, int inChannels, int outChannels, int kernel, int group = 1)
    {
        int fan = inChannels / group * kernel * kernel;
        var w = _b.Constant("w", Tensor.Create(Normal(outChannels * fan, 2.0 / Math.Sqrt(fan)), outChannels, inChannels / group, kernel, kernel));
        var bias = _b.Constant("b", Tensor.Create(Normal(outChannels, 0.2), outChannels));
        long pad = (kernel - 1) / 2;
        return _b.Op("Conv", Name("Conv"), [x, w, bias], NodeAttribute.Ints("kernel_shape", kernel, kernel), NodeAttribute.Ints("pads", pad, pad, pad, pad), NodeAttribute.Int("group", group));
    }

    private Value SiLU(Value x) => _b.Op("Mul", Name("Mul"), [x, _b.Op("Sigmoid", Name("Sigmoid"), [x])]);

    private (Value, int) Residual(Value x, int c)
    {
        var y = SiLU(Conv(SiLU(Conv(x, c, c, 3)), c, c, 1));
        return (_b.Op("Add", Name("Add"), [x, y]), c);
    }

    private (Value, int) C2f(Value x, int c)
    {
        int half = c / 2;
        var split = _b.Node("Split", [SiLU(Conv(x, c, c, 1)), _b.Constant("split", Tensor.Create(new long[] { half, c - half }, 2))], 2, Name("Split"), [NodeAttribute.Int("axis", 1)]);
        var a = split.Output(0);
        var m = split.Output(1);
        var inner = _b.Op("Add", Name("Add"), [m, SiLU(Conv(SiLU(Conv(m, c - half, c - half, 3)), c - half, c - half, 3))]);
        var cat = _b.Op("Concat", Name("Concat"), [a, m, inner], NodeAttribute.Int("axis", 1));
        int outChannels = 8 * _random.Next(1, 4);
        return (SiLU(Conv(cat, half + (2 * (c - half)), outChannels, 1)), outChannels);
    }

    private (Value, int) Depthwise(Value x, int c)
    {
        var y = SiLU(Conv(SiLU(Conv(x, c, c, 3, c)), c, c, 1));
        return (y, c);
    }

    private (Value, int) Grouped(Value x, int c)
    {
        int outChannels = 2 * 8 * _random.Next(1, 3);
        return (SiLU(Conv(x, c, outChannels, 3, 2)), outChannels);
    }

    private (Value, int) Branches(Value x, int c)
    {
        int a = 8 * _random.Next(1, 3), b = 8 * _random.Next(1, 3);
        var left = SiLU(Conv(x, c, a, 1));
        var right = SiLU(Conv(x, c, b, 3));
        return (_b.Op("Concat", Name("Concat"), [left, right], NodeAttribute.Int("axis", 1)), a + b);
    }

    private (Value, int) Pools(Value x, int c)
    {
        var pooled = _b.Op("MaxPool", Name("MaxPool"), [x], NodeAttribute.Ints("kernel_shape", 2, 2), NodeAttribute.Ints("strides", 2, 2));
        var scales = _b.Constant("scales", Tensor.Create(new float[] { 1, 1, 2, 2 }, 4));
        var up = _b.Op("Resize", Name("Resize"), [pooled, null, scales], NodeAttribute.String("mode", "nearest"));
        return (_b.Op("Add", Name("Add"), [x, up]), c);
    }

    private (Value, int) SliceBlock(Value x, int c)
    {
        int end = Math.Max(1, c / 2) + 4;
        var starts = _b.Constant("starts", Tensor.Create(new long[] { 2 }, 1));
        var ends = _b.Constant("ends", Tensor.Create(new long[] { end }, 1));
        var axes = _b.Constant("axes", Tensor.Create(new long[] { 1 }, 1));
        var sliced = _b.Op("Slice", Name("Slice"), [x, starts, ends, axes]);
        int outChannels = 8 * _random.Next(1, 3);
        return (SiLU(Conv(sliced, end - 2, outChannels, 1)), outChannels);
    }

    private (Value, int) Normalized(Value x, int c)
    {
        var conv = Conv(x, c, c, 3);
        var scale = _b.Constant("gamma", Tensor.Create(Normal(c, 1).Select(v => v + 1).ToArray(), c));
        var bias = _b.Constant("beta", Tensor.Create(Normal(c, 0.3), c));
        var mean = _b.Constant("mean", Tensor.Create(Normal(c, 0.3), c));
        var variance = _b.Constant("var", Tensor.Create(Normal(c, 0.2).Select(v => Math.Abs(v) + 0.5f).ToArray(), c));
        return (SiLU(_b.Op("BatchNormalization", Name("BatchNormalization"), [conv, scale, bias, mean, variance])), c);
    }

    private (Value, int) Affine(Value x, int c)
    {
        var conv = Conv(x, c, c, 1);
        var scale = _b.Constant("scale", Tensor.Create(Normal(c, 1), 1, c, 1, 1));
        var shift = _b.Constant("shift", Tensor.Create(Normal(c, 1), c, 1, 1));
        return (SiLU(_b.Op("Add", Name("Add"), [_b.Op("Mul", Name("Mul"), [conv, scale]), shift])), c);
    }
}
