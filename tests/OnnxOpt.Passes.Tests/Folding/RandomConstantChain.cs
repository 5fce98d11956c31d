using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Tests.Folding;

/// <summary>
/// Builds a model without inputs: a random float constant pushed through a random chain of ops the built-in kernels
/// cover (element-wise math, broadcasting binaries, layout, reductions, casts, shape arithmetic, MatMul), with values
/// kept in ranges where float32 and double agree closely.
/// </summary>
internal sealed class RandomConstantChain(int seed)
{
    private readonly Random _random = new(seed);
    private readonly ModelBuilder _b = new(opset: 13);
    private long[] _dims = [];

    /// <summary>The dims of the chain's start: of the constant, or of graph input `x` when built with one.</summary>
    public long[] StartDims { get; private set; } = [];

    public Model Build(int steps, bool startFromInput = false)
    {
        int rank = _random.Next(1, 4);
        _dims = Enumerable.Range(0, rank).Select(_ => (long)_random.Next(1, 5)).ToArray();
        StartDims = _dims;
        var x = startFromInput ? _b.Input("x", DataType.Float, _dims) : Constant(_dims, -2, 2);
        for (int i = 0; i < steps; i++)
        {
            x = Step(x);
        }

        _b.Output(x, "result");
        return _b.Build();
    }

    // Set once a step's float32 result may differ from ONNX Runtime's in the last bits (transcendental functions,
    // sums in another order). From then on steps that jump at integer boundaries (Floor, Ceil, casts to integers,
    // quantization) would turn an ulp into a whole unit, so the chain avoids them.
    private bool _inexact;

    private Value Step(Value x)
    {
        int rank = _dims.Length;
        int choice = _random.Next(21);
        if (_inexact && choice is 18 or 19)
        {
            choice = 16;
        }

        _inexact |= choice is 1 or 3 or 4 or 7 or 10 or 17;
        switch (choice)
        {
            case 0:
                string unary = Pick("Abs", "Neg", "Sigmoid", "Relu", "Floor", "Ceil", "Tanh", "Softmax", "LogSoftmax");
                if (_inexact && unary is "Floor" or "Ceil")
                {
                    unary = "Relu";
                }

                _inexact |= unary is "Sigmoid" or "Tanh" or "Softmax" or "LogSoftmax";
                return Op(unary, x);
            case 1: return Op("Exp", Op("Tanh", x));
            case 2: return Op("Sqrt", Op("Abs", x));
            case 3: return Op("Log", Op("Add", Op("Abs", x), Scalar(1f)));
            case 4: return Op("Reciprocal", Op("Add", Op("Abs", x), Scalar(0.5f)));
            case 5: return Op(Pick("Add", "Sub", "Mul", "Min", "Max"), x, Constant(BroadcastableDims(), -2, 2));
            case 6: return Op("Div", x, Op("Add", Op("Abs", Constant(BroadcastableDims(), -2, 2)), Scalar(0.5f)));
            case 7: return Op("Pow", Op("Abs", x), Constant(BroadcastableDims(), 0.5f, 2f));
            case 8:
                var perm = Enumerable.Range(0, rank).OrderBy(_ => _random.Next()).Select(i => (long)i).ToArray();
                _dims = perm.Select(p => _dims[p]).ToArray();
                return N("Transpose", [x], NodeAttribute.Ints("perm", perm));
            case 9:
                long total = _dims.Aggregate(1L, (a, d) => a * d);
                _dims = [_dims[0], total / _dims[0]];
                return N("Reshape", [x, Ints([_dims[0], -1])]);
            case 10:
                int axis = _random.Next(rank);
                bool keep = rank == 1 || _random.Next(2) == 0;
                string reduce = Pick("ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd");
                var reduced = reduce == "ReduceSum"
                    ? N(reduce, [x, Ints([axis])], NodeAttribute.Int("keepdims", keep ? 1 : 0))
                    : N(reduce, [x], NodeAttribute.Ints("axes", axis), NodeAttribute.Int("keepdims", keep ? 1 : 0));
                _dims = keep ? _dims.Select((d, k) => k == axis ? 1 : d).ToArray() : _dims.Where((_, k) => k != axis).ToArray();
                return reduced;
            case 11:
                int catAxis = _random.Next(rank);
                _dims = _dims.Select((d, k) => k == catAxis ? d * 2 : d).ToArray();
                return N("Concat", [x, Op("Neg", x)], NodeAttribute.Int("axis", catAxis - (_random.Next(2) * rank)));
            case 12:
                long start = _random.Next((int)_dims[0]);
                var sliced = N("Slice", [x, Ints([start]), Ints([_dims[0] + 3]), Ints([0])]);
                _dims = _dims.Select((d, k) => k == 0 ? d - start : d).ToArray();
                return sliced;
            case 13:
                _dims = [2, .. _dims];
                return N("Expand", [x, Ints(_dims)]);
            case 14:
                var repeats = _dims.Select(_ => (long)_random.Next(1, 3)).ToArray();
                _dims = _dims.Select((d, k) => d * repeats[k]).ToArray();
                return N("Tile", [x, Ints(repeats)]);
            case 15: return N("Where", [Op("Greater", x, Scalar(0f)), x, Op("Mul", x, Scalar(0.25f))]);
            case 16: return N("Clip", [x, Scalar(-1f), Scalar(1.5f)]);
            case 17:
                var matrix = Constant([_dims[^1], 3], -1, 1);
                _dims = [.. _dims[..^1], 3];
                return Op("MatMul", x, matrix);
            case 18:
                var asInt = N("Cast", [Op("Floor", Op("Mul", x, Scalar(3f)))], NodeAttribute.Int("to", (long)DataType.Int64));
                var shifted = Op("Add", asInt, Op("Cast", N("Gather", [N("Shape", [x]), Ints([-1])]), DataType.Int64));
                return N("Cast", [shifted], NodeAttribute.Int("to", (long)DataType.Float));
            case 19:
                var scale = Scalar(0.05f);
                var zero = _b.Constant("zp", Tensor.Scalar((byte)128));
                return Op("DequantizeLinear", Op("QuantizeLinear", x, scale, zero), scale, zero);
            default:
                var filled = N("ConstantOfShape", [N("Shape", [x])], NodeAttribute.FromTensor("value", Tensor.Create([0.5f], 1)));
                var gathered = N("Gather", [Op("Add", x, filled), Ints([0, -1])], NodeAttribute.Int("axis", 0));
                _dims = [2, .. _dims[1..]];
                return gathered;
        }
    }

    private int _nodes;

    // ModelBuilder names nodes after their op type; ONNX Runtime rejects two nodes of one name.
    private Value N(string op, IEnumerable<Value?> inputs, params NodeAttribute[] attributes) => _b.Op(op, $"{op}_{_nodes++}", inputs, attributes);

    private Value Op(string op, params Value[] inputs) => N(op, inputs);

    private Value Op(string op, Value input, DataType to) => N(op, [input], NodeAttribute.Int("to", (long)to));

    private Value Scalar(float value) => _b.Constant("s", Tensor.Scalar(value));

    private Value Ints(long[] values) => _b.Constant("i", Tensor.Create(values, values.Length));

    private Value Constant(long[] dims, float low, float high)
    {
        long count = dims.Aggregate(1L, (a, d) => a * d);
        var values = Enumerable.Range(0, (int)count).Select(_ => low + ((high - low) * (float)_random.NextDouble())).ToArray();
        return _b.Constant("c", Tensor.Create(values, dims));
    }

    /// <summary>A shape that broadcasts to the current one: a suffix of it with some dims replaced by 1.</summary>
    private long[] BroadcastableDims()
    {
        int drop = _random.Next(_dims.Length + 1);
        return _dims[drop..].Select(d => _random.Next(3) == 0 ? 1 : d).ToArray();
    }

    private string Pick(params string[] options) => options[_random.Next(options.Length)];
}
