using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Cleanup;

/// <summary>One element of a shape tensor traced back to its source: dim <see cref="Value"/> of <see cref="Source"/>'s shape, or a constant when Source is null.</summary>
internal readonly record struct ShapeEntry(Value? Source, long Value)
{
    public bool IsCopy => Source is not null;

    public static ShapeEntry Copy(Value source, long dim) => new(source, dim);

    public static ShapeEntry Constant(long value) => new(null, value);
}
