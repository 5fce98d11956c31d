using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.TestSupport;

/// <summary>
/// Builds small random but valid opset-17 conv nets from a seed, full of what the cleanup passes look for: Convs
/// with and without bias and with groups, BatchNormalizations, per-channel (and not per-channel) Add/Mul
/// constants, element-wise ops, Identity, inference Dropout, no-op Reshape/Transpose/Expand/Pad/Slice/Concat/
/// Split/Cast, dead branches, duplicated subexpressions and duplicated initializers. The input is
/// <c>x: float[1,C,H,W]</c> with C, H, W at most 8; every value carries its exact type and shape, so passes that
/// need static shapes can fire. One or two graph outputs, sometimes behind an Identity.
/// </summary>
public sealed class RandomGraphGenerator
{
    private readonly Random _random;
    private readonly ModelBuilder _builder = new(opset: 17);
    private readonly List<Feature> _pool = [];
    private Feature _current;
    private int _nodes;

    private RandomGraphGenerator(int seed)
    {
        _random = new Random(seed);
        long c = _random.Next(1, 9), h = _random.Next(1, 9), w = _random.Next(1, 9);
        _current = new Feature(_builder.Input("x", DataType.Float, 1, c, h, w), c, h, w);
        _pool.Add(_current);
    }

    public static Model Generate(int seed) => new RandomGraphGenerator(seed).Build();

    private Model Build()
    {
        int steps = _random.Next(3, 13);
        for (int i = 0; i < steps; i++)
        {
            Step();
        }

        // Fold dangling results of the same shape into the last one, so most branches reach an output.
        foreach (var dangling in _pool.Where(f => f != _current && f.Value.Producer is not null && !f.Value.HasUses).ToList())
        {
            if (dangling.C == _current.C && dangling.H == _current.H && dangling.W == _current.W && _random.Next(4) != 0)
            {
                _current = Emit("Add", [_current.Value, dangling.Value], _current);
            }
        }

        var outputs = new List<Feature> { _current };
        var candidates = _pool.Where(f => f.Value.Producer is not null && f != _current).ToList();
        if (candidates.Count > 0 && _random.Next(3) == 0)
        {
            outputs.Add(candidates[_random.Next(candidates.Count)]);
        }

        for (int i = 0; i < outputs.Count; i++)
        {
            var value = outputs[i].Value;
            if (_random.Next(4) == 0 || value.Producer is null)
            {
                value = Emit("Identity", [value], outputs[i]).Value;
            }

            _builder.Output(value, $"y{i}");
        }

        return _builder.Build();
    }

    private void Step()
    {
        var x = Pick();
        Feature next = _random.Next(22) switch
        {
            0 or 1 or 2 => Conv(x),
            3 or 4 => BatchNorm(Conv(x)),
            5 or 6 => ChannelOp(_random.Next(2) == 0 ? "Add" : "Mul", Conv(x)),
            7 => Emit(Choose("Relu", "Sigmoid", "Tanh"), [x.Value], x),
            8 => Binary(x),
            9 => Emit("Identity", [x.Value], x),
            10 => Dropout(x),
            11 or 12 or 13 => NoOpShapeOp(x),
            14 => ShapeRoundTrip(x),
            15 => DeadBranch(x),
            16 or 17 => DuplicateUnary(x),
            18 => DuplicateConv(x, copyWeights: false),
            19 => DuplicateConv(x, copyWeights: true),
            20 => ChannelOp("Add", Conv(x), allowNonChannel: true),
            _ => ChannelOp("Mul", x),
        };
        _pool.Add(next);
        _current = next;
    }

    /// <summary>Usually the newest value, sometimes an older one (which gives values several users).</summary>
    private Feature Pick() => _random.Next(10) < 7 ? _current : _pool[_random.Next(_pool.Count)];

    private Feature Conv(Feature x, Value? weight = null, Value? bias = null, bool? withBias = null)
    {
        long outC = weight?.Shape?[0].Value ?? _random.Next(1, 9);
        long groups = weight is not null ? x.C / weight.Shape![1].Value!.Value : ChooseGroups(x.C, outC);
        int k = weight is not null ? (int)weight.Shape![2].Value!.Value : _random.Next(2) == 0 ? 1 : 3;
        weight ??= Constant("w", RandomFloats(outC * (x.C / groups) * k * k, 1 / Math.Sqrt(x.C / groups * k * k)), outC, x.C / groups, k, k);
        if (bias is null && (withBias ?? _random.Next(2) == 0))
        {
            bias = Constant("b", RandomFloats(outC, 0.5), outC);
        }

        int pad = k / 2;
        var node = _builder.Node("Conv", bias is null ? [x.Value, weight] : [x.Value, weight, bias], name: NodeName("Conv"), attributes:
            [NodeAttribute.Ints("kernel_shape", k, k), NodeAttribute.Ints("pads", pad, pad, pad, pad), NodeAttribute.Int("group", groups)]);
        var output = node.Output(0);
        output.ElementType = DataType.Float;
        output.Shape = Shape.Of(1, outC, x.H, x.W);
        return new Feature(output, outC, x.H, x.W);
    }

    private long ChooseGroups(long inC, long outC)
    {
        var divisors = Enumerable.Range(1, (int)inC).Where(g => inC % g == 0 && outC % g == 0).ToList();
        return _random.Next(3) == 0 ? divisors[_random.Next(divisors.Count)] : 1;
    }

    private Feature BatchNorm(Feature x)
    {
        var scale = Constant("bn_scale", RandomFloats(x.C, 0.5, 1.0), x.C);
        var shift = Constant("bn_bias", RandomFloats(x.C, 0.5), x.C);
        var mean = Constant("bn_mean", RandomFloats(x.C, 0.5), x.C);
        var variance = Constant("bn_var", RandomFloats(x.C, 0.5, 1.0), x.C);
        float epsilon = _random.Next(2) == 0 ? 1e-5f : 1e-3f;
        return Emit("BatchNormalization", [x.Value, scale, shift, mean, variance], x, NodeAttribute.Float("epsilon", epsilon));
    }

    /// <summary>Add or Mul by a constant, per channel unless <paramref name="allowNonChannel"/> picks a shape along W or H,W.</summary>
    private Feature ChannelOp(string op, Feature x, bool allowNonChannel = false)
    {
        long[][] shapes = allowNonChannel && _random.Next(2) == 0
            ? [[x.W], [1, 1, x.H, x.W], [1, x.C, x.H, x.W]]
            : [[1, x.C, 1, 1], [x.C, 1, 1], [], [1], [1, 1, 1, 1]];
        var dims = shapes[_random.Next(shapes.Length)];
        long count = dims.Aggregate(1L, (a, d) => a * d);
        var constant = Constant(op == "Mul" ? "scale" : "shift", RandomFloats(count, 0.5, op == "Mul" ? 1.0 : 0.0), dims);
        Value?[] inputs = _random.Next(2) == 0 ? [x.Value, constant] : [constant, x.Value];
        return Emit(op, inputs, x);
    }

    private Feature Binary(Feature x)
    {
        var partners = _pool.Where(f => f.C == x.C && f.H == x.H && f.W == x.W).ToList();
        var y = partners[_random.Next(partners.Count)];
        return Emit(Choose("Add", "Mul", "Max"), [x.Value, y.Value], x);
    }

    private Feature Dropout(Feature x)
    {
        Value?[] inputs = _random.Next(3) switch
        {
            0 => [x.Value],
            1 => [x.Value, Constant("ratio", Tensor.Scalar(0.25f))],
            _ => [x.Value, Constant("ratio", Tensor.Scalar(0.5f)), Constant("training_mode", Tensor.Scalar(false))],
        };
        int outputs = _random.Next(2) + 1;
        var node = _builder.Node("Dropout", inputs, outputs, NodeName("Dropout"));
        if (outputs == 2)
        {
            Typed(node.Output(1), DataType.Bool, x);
        }

        return new Feature(Typed(node.Output(0), DataType.Float, x), x.C, x.H, x.W);
    }

    private Feature NoOpShapeOp(Feature x)
    {
        long[] full = [1, x.C, x.H, x.W];
        switch (_random.Next(8))
        {
            case 0:
                long[][] targets = [full, [0, 0, 0, 0], [1, x.C, x.H, -1], [0, x.C, -1, 0]];
                return Emit("Reshape", [x.Value, Ints("shape", targets[_random.Next(targets.Length)])], x);
            case 1:
                return Emit("Transpose", [x.Value], x, NodeAttribute.Ints("perm", 0, 1, 2, 3));
            case 2:
                long[][] shapes = [[1], [1, 1, 1, 1], [x.H, x.W], full, [x.C, 1, x.W]];
                return Emit("Expand", [x.Value, Ints("shape", shapes[_random.Next(shapes.Length)])], x);
            case 3:
                return Emit("Pad", [x.Value, Ints("pads", new long[8])], x);
            case 4:
                bool huge = _random.Next(2) == 0;
                return Emit("Slice", [x.Value, Ints("starts", 0), Ints("ends", huge ? long.MaxValue : x.H), Ints("axes", 2), Ints("steps", 1)], x);
            case 5:
                return Emit("Concat", [x.Value], x, NodeAttribute.Int("axis", 1));
            case 6:
                Value?[] inputs = _random.Next(2) == 0 ? [x.Value] : [x.Value, Ints("split", x.C)];
                return Emit("Split", inputs, x, NodeAttribute.Int("axis", 1));
            default:
                return Emit("Cast", [x.Value], x, NodeAttribute.Int("to", (long)DataType.Float));
        }
    }

    /// <summary>Changes the layout and changes it back, so the pair is not a no-op per node but is as a whole.</summary>
    private Feature ShapeRoundTrip(Feature x)
    {
        if (_random.Next(2) == 0)
        {
            var flat = _builder.Op("Reshape", NodeName("Reshape"), [x.Value, Ints("shape", 1, x.C, x.H * x.W)]);
            flat.ElementType = DataType.Float;
            flat.Shape = Shape.Of(1, x.C, x.H * x.W);
            return Emit("Reshape", [flat, Ints("shape", 1, x.C, x.H, x.W)], x);
        }

        var nhwc = _builder.Op("Transpose", NodeName("Transpose"), [x.Value], NodeAttribute.Ints("perm", 0, 2, 3, 1));
        nhwc.ElementType = DataType.Float;
        nhwc.Shape = Shape.Of(1, x.H, x.W, x.C);
        return Emit("Transpose", [nhwc], x, NodeAttribute.Ints("perm", 0, 3, 1, 2));
    }

    /// <summary>Work whose result reaches no output; the pool keeps pointing at <paramref name="x"/>.</summary>
    private Feature DeadBranch(Feature x)
    {
        var dead = _random.Next(2) == 0 ? Conv(x) : Emit("Relu", [x.Value], x);
        Emit("Sigmoid", [dead.Value], dead);
        return x;
    }

    private Feature DuplicateUnary(Feature x)
    {
        string op = Choose("Relu", "Sigmoid", "Neg");
        var a = Emit(op, [x.Value], x);
        var b = Emit(op, [x.Value], x);
        return Emit(Choose("Add", "Mul"), _random.Next(2) == 0 ? [a.Value, b.Value] : [b.Value, a.Value], x);
    }

    /// <summary>The same Conv twice: sharing its weight, or with a byte-identical copy (dedupe, then cse, merges them).</summary>
    private Feature DuplicateConv(Feature x, bool copyWeights)
    {
        var first = Conv(x);
        var node = first.Value.Producer!;
        var weight = node.Input(1)!;
        var bias = node.Input(2);
        if (copyWeights)
        {
            weight = _builder.Constant("w_copy", weight.ConstValue!);
            bias = bias is null ? null : _builder.Constant("b_copy", bias.ConstValue!);
        }

        var second = Conv(x, weight, bias, withBias: bias is not null);
        return Emit("Add", [first.Value, second.Value], first);
    }

    private Feature Emit(string op, Value?[] inputs, Feature like, params NodeAttribute[] attributes)
    {
        var value = _builder.Op(op, NodeName(op), inputs, attributes);
        return new Feature(Typed(value, DataType.Float, like), like.C, like.H, like.W);
    }

    private static Value Typed(Value value, DataType type, Feature like)
    {
        value.ElementType = type;
        value.Shape = Shape.Of(1, like.C, like.H, like.W);
        return value;
    }

    private Value Constant(string name, float[] values, params long[] dims) => _builder.Constant(name, Tensor.Create(values, dims));

    private Value Constant(string name, Tensor tensor) => _builder.Constant(name, tensor);

    private Value Ints(string name, params long[] values) => _builder.Constant(name, Tensor.Create(values, values.Length));

    /// <summary>Uniform in [center - spread, center + spread].</summary>
    private float[] RandomFloats(long count, double spread, double center = 0)
    {
        var values = new float[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = (float)(center + (((_random.NextDouble() * 2) - 1) * spread));
        }

        return values;
    }

    /// <summary>Unique node names (ONNX Runtime rejects duplicates; the builder only makes value names unique).</summary>
    private string NodeName(string op) => $"{op}_{_nodes++}";

    private string Choose(params string[] options) => options[_random.Next(options.Length)];

    private sealed record Feature(Value Value, long C, long H, long W);
}
