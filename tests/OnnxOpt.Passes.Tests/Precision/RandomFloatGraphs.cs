using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Tests.Precision;

/// <summary>
/// Seeded random float32 models of 2 to 9 ops over [1,C,H,W] tensors: convolutions, elementwise ops with
/// constants and with earlier values, activations, pooling, Concat, Resize (float32 scales), Softmax,
/// reductions, MatMul, Where on a comparison, Cast to float, Constant and ConstantOfShape nodes, and the
/// block-listed CumSum and TopK. Weights are scaled by 1/sqrt(fan-in) so values stay of order one, the
/// regime where float16's relative error bound is what the property checks. Only graph inputs and outputs
/// declare types, as in real exports.
/// </summary>
internal sealed class RandomFloatGraphs
{
    private readonly Random _random;
    private readonly ModelBuilder _builder = new(opset: 17);
    private readonly List<(Value Value, long[] Shape)> _pool = [];
    private int _names;

    private RandomFloatGraphs(int seed) => _random = new Random(seed);

    public static Model Create(int seed) => new RandomFloatGraphs(seed).Build();

    private Model Build()
    {
        long channels = _random.Next(1, 4), height = _random.Next(3, 6), width = _random.Next(3, 6);
        long[] shape = [1, channels, height, width];
        _pool.Add((_builder.Input("x", DataType.Float, shape), shape));
        if (_random.Next(2) == 0)
        {
            _pool.Add((_builder.Input("x2", DataType.Float, shape), shape));
        }

        var current = _pool[^1];
        int steps = _random.Next(2, 10);
        for (int i = 0; i < steps; i++)
        {
            current = Step(current.Value, current.Shape);
            _pool.Add(current);
        }

        _builder.Output(current.Value, "y", DataType.Float, current.Shape);
        var extra = _pool[_random.Next(_pool.Count)];
        if (extra.Value != current.Value && extra.Value.Producer is not null && !extra.Value.IsGraphOutput)
        {
            _builder.Output(extra.Value, "y2", DataType.Float, extra.Shape);
        }

        return _builder.Build();
    }

    private string Name(string op) => $"{op.ToLowerInvariant()}_{_names++}";

    private Value Op(string op, IEnumerable<Value?> inputs, params NodeAttribute[] attributes) => _builder.Op(op, Name(op), inputs, attributes);

    private Value Const(float[] data, params long[] dims) => _builder.Constant(Name("c"), Tensor.Create(data, dims));

    private float[] Uniform(long count, double low, double high) =>
        Enumerable.Range(0, (int)count).Select(_ => (float)(low + (_random.NextDouble() * (high - low)))).ToArray();

    private (Value Value, long[] Shape) Step(Value x, long[] s)
    {
        long c = s[1], h = s[2], w = s[3];
        switch (_random.Next(19))
        {
            case 0 or 1:
            {
                long k = _random.Next(2) == 0 ? 3 : 1, outC = _random.Next(1, 5);
                double bound = 1 / Math.Sqrt(c * k * k);
                var weight = Const(Uniform(outC * c * k * k, -bound, bound), outC, c, k, k);
                long pad = k / 2;
                var y = Op("Conv", [x, weight, Const(Uniform(outC, -0.5, 0.5), outC)], NodeAttribute.Ints("pads", pad, pad, pad, pad));
                return (y, [1, outC, h, w]);
            }

            case 2 or 3:
            {
                string op = new[] { "Add", "Sub", "Mul" }[_random.Next(3)];
                var same = _pool.Where(p => p.Shape.SequenceEqual(s)).ToList();
                var other = _random.Next(2) == 0 && same.Count > 1 ? same[_random.Next(same.Count)].Value : Const(Uniform(c, -1, 1), c, 1, 1);
                return (Op(op, [x, other]), s);
            }

            case 4:
            {
                string op = new[] { "Relu", "Sigmoid", "Tanh", "Abs", "Neg", "HardSigmoid", "Softplus" }[_random.Next(7)];
                return (Op(op, [x]), s);
            }

            case 5:
                return (Op("LeakyRelu", [x], NodeAttribute.Float("alpha", 0.1f)), s);
            case 6:
                return (Op("Div", [x, Const(Uniform(c, 0.5, 2), c, 1, 1)]), s);
            case 7:
            {
                var partners = _pool.Where(p => p.Shape[2] == h && p.Shape[3] == w).ToList();
                var partner = partners[_random.Next(partners.Count)];
                return (Op("Concat", [x, partner.Value], NodeAttribute.Int("axis", 1)), [1, c + partner.Shape[1], h, w]);
            }

            case 8:
            {
                string op = _random.Next(2) == 0 ? "MaxPool" : "AveragePool";
                return (Op(op, [x], NodeAttribute.Ints("kernel_shape", 3, 3), NodeAttribute.Ints("pads", 1, 1, 1, 1)), s);
            }

            case 9:
                return (Op("Softmax", [x], NodeAttribute.Int("axis", 1)), s);
            case 10:
                return (Op("ReduceMean", [x], NodeAttribute.Ints("axes", 1), NodeAttribute.Int("keepdims", 1)), [1, 1, h, w]);
            case 11:
                return (Op("Cast", [x], NodeAttribute.Int("to", (long)DataType.Float)), s);
            case 12:
            {
                var constant = Op("Constant", [], NodeAttribute.FromTensor("value", Tensor.Create(Uniform(c, -1, 1), c, 1, 1)));
                return (Op("Mul", [x, constant]), s);
            }

            case 13:
            {
                var fill = Op("ConstantOfShape", [Op("Shape", [x])], NodeAttribute.FromTensor("value", Tensor.Create(Uniform(1, -1, 1), 1)));
                return (Op("Add", [x, fill]), s);
            }

            case 14:
                return (Op("CumSum", [x, _builder.Constant(Name("axis"), Tensor.Create(new[] { 3L }))]), s);
            case 15:
            {
                var top = _builder.Node("TopK", [x, _builder.Constant(Name("k"), Tensor.Create(new[] { 1L }, 1))], 2, Name("TopK"), [NodeAttribute.Int("axis", 1)]);
                return (top.Outputs[0], [1, 1, h, w]);
            }

            case 16:
            {
                if (h * w > 16)
                {
                    return (Op("Tanh", [x]), s);
                }

                var scales = Const([1f, 1f, 2f, 2f], 4);
                return (Op("Resize", [x, null, scales], NodeAttribute.String("mode", _random.Next(2) == 0 ? "nearest" : "linear")), [1, c, 2 * h, 2 * w]);
            }

            case 17:
            {
                long n = _random.Next(2, 6);
                return (Op("MatMul", [x, Const(Uniform(w * n, -1 / Math.Sqrt(w), 1 / Math.Sqrt(w)), w, n)]), [1, c, h, n]);
            }

            default:
            {
                var mask = Op("Greater", [x, Const([0.5f], 1)]);
                return (Op("Where", [mask, x, Const(Uniform(1, -1, 1), 1)]), s);
            }
        }
    }
}
