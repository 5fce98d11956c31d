using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Kernels;

/// <summary>
/// One evaluation request: the node (for its op type and attributes), the default-domain opset the model imports
/// (attribute-versus-input forms differ between opsets) and the constant input tensors (null for omitted inputs).
/// </summary>
public sealed class KernelCall(Node node, long opset, IReadOnlyList<Tensor?> inputs)
{
    public Node Node { get; } = node;

    public long Opset { get; } = opset;

    public IReadOnlyList<Tensor?> Inputs { get; } = inputs;

    /// <summary>How many outputs the node declares (Split needs it when no sizes are given).</summary>
    public int OutputCount => Node.Outputs.Count;

    public int InputCount => Inputs.Count;

    /// <summary>The input at <paramref name="index"/>, or null when absent or omitted.</summary>
    public Tensor? Optional(int index) => index < Inputs.Count ? Inputs[index] : null;

    /// <summary>The input at <paramref name="index"/>; a missing required input is a <see cref="KernelException"/>.</summary>
    public Tensor Input(int index) =>
        Optional(index) ?? throw new KernelException($"{Node.OpType}: required input {index} is missing");

    public long Int(string name, long fallback) => Node.GetInt(name, fallback);

    public float Float(string name, float fallback) => Node.GetFloat(name, fallback);

    public string String(string name, string fallback) => Node.GetString(name, fallback);

    public IReadOnlyList<long>? Ints(string name) => Node.GetInts(name);

    public KernelException Unsupported(string what) => new($"{Node.OpType}: {what}");
}
