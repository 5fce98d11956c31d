using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>
/// What a shape rule sees of one node: its attributes, the opset, the known types of its inputs and the values of
/// inputs that are constant (initializers, Constant nodes, or results that data propagation already computed).
/// </summary>
public sealed class InferenceCall(Node node, long opset, IReadOnlyList<TensorType?> inputs, IReadOnlyList<Tensor?> constants)
{
    public Node Node { get; } = node;

    public long Opset { get; } = opset;

    public int InputCount => inputs.Count;

    public TensorType? Type(int index) => index < inputs.Count ? inputs[index] : null;

    public Shape? Shape(int index) => Type(index)?.Shape;

    public DataType ElementType(int index) => Type(index)?.ElementType ?? DataType.Undefined;

    public int? Rank(int index) => Shape(index)?.Rank;

    public bool Has(int index) => index < Node.Inputs.Count && Node.Inputs[index] is not null;

    /// <summary>The value of a constant input, or null when it is not known at compile time.</summary>
    public Tensor? Constant(int index) => index < constants.Count ? constants[index] : null;

    /// <summary>The integers of a constant input (axes, shape, pads), or null.</summary>
    public long[]? Ints(int index)
    {
        var tensor = Constant(index);
        return tensor is not null && (tensor.DataType.IsInteger() || tensor.DataType == DataType.Bool) ? tensor.ToInt64Array() : null;
    }

    /// <summary>Integers from an input in newer opsets or an attribute in older ones.</summary>
    public long[]? IntsFromInputOrAttribute(int index, string attribute, long inputSinceOpset) =>
        Opset >= inputSinceOpset ? Ints(index) : Node.GetInts(attribute)?.ToArray();

    /// <summary>One output of type <paramref name="type"/> and shape <paramref name="shape"/>.</summary>
    public static IReadOnlyList<TensorType?> One(DataType type, Shape? shape) => [new TensorType(type, shape)];
}
