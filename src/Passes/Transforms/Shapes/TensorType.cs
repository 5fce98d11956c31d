using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>What shape inference knows of a value: its element type (Undefined when unknown) and shape (null when even the rank is unknown).</summary>
public sealed record TensorType(DataType ElementType, Shape? Shape)
{
    public static TensorType Of(DataType type, params long[] dims) => new(type, Shape.Of(dims));

    public static TensorType Of(DataType type, IEnumerable<Dim> dims) => new(type, new Shape(dims));

    public override string ToString() => $"{ElementType.OnnxName()}{Shape?.ToString() ?? "[?]"}";
}
