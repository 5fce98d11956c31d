using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.OpRules;
using OnnxOpt.Passes.Kernels;
using OnnxOpt.Passes.Transforms.Shapes;

namespace OnnxOpt.Passes.Transforms.Folding;

/// <summary>
/// Decides which nodes constant folding may evaluate and evaluates them with the built-in kernels, remembering the
/// nodes it could not evaluate (for the ONNX Runtime fallback and the diagnostics) and those it skipped on purpose.
/// </summary>
internal sealed class FoldPolicy(long opset, FoldConstantsOptions options)
{
    private readonly Dictionary<Node, string> _failures = [];

    /// <summary>Nodes with all inputs constant that the built-in kernels could not evaluate, with the reason.</summary>
    public IReadOnlyDictionary<Node, string> Failures => _failures;

    public int SkippedForSize { get; private set; }

    /// <summary>Whether the op may be folded at all (deterministic, default domain, quantization only on request).</summary>
    public bool MayFold(Node node) =>
        node.IsDefaultDomain && OpRuleTable.IsDeterministic(node) && !node.Subgraphs().Any()
        && (options.FoldQuantization || node.OpType is not ("QuantizeLinear" or "DequantizeLinear" or "DynamicQuantizeLinear"));

    public bool FitsThreshold(IEnumerable<Tensor> results)
    {
        if (results.Sum(r => r.Strings is null ? r.ByteLength : r.Strings.Sum(s => (long)s.Length)) <= options.SizeThreshold)
        {
            return true;
        }

        SkippedForSize++;
        return false;
    }

    public IReadOnlyList<Tensor>? Evaluate(Node node, IReadOnlyList<Tensor?> inputs)
    {
        if (!MayFold(node))
        {
            return null;
        }

        if (!BuiltinKernels.Supports(node))
        {
            _failures[node] = $"{node.OpType} has no built-in kernel";
            return null;
        }

        if (TooLarge(node, inputs))
        {
            SkippedForSize++;
            return null;
        }

        try
        {
            var results = BuiltinKernels.Evaluate(node, opset, inputs);
            return FitsThreshold(results) ? results : null;
        }
        catch (KernelException e)
        {
            _failures[node] = e.Message;
            return null;
        }
    }

    public void Forget(Node node) => _failures.Remove(node);

    /// <summary>Checks the result size the shape rules predict before computing (Expand/Tile/ConstantOfShape can be huge).</summary>
    private bool TooLarge(Node node, IReadOnlyList<Tensor?> inputs)
    {
        if (ShapeRules.Find(node) is not { } rule)
        {
            return false;
        }

        var types = inputs.Select(t => t is null ? null : TensorType.Of(t.DataType, t.DimsArray())).ToList();
        IReadOnlyList<TensorType?>? predicted;
        try
        {
            predicted = rule(new InferenceCall(node, opset, types, inputs));
        }
        catch (Exception e) when (e is KernelException or InvalidOperationException or IndexOutOfRangeException or ArgumentException)
        {
            return false;
        }

        long bytes = 0;
        foreach (var type in predicted ?? [])
        {
            if (type?.Shape?.ElementCount is { } count && type.ElementType != DataType.Undefined)
            {
                bytes += type.ElementType.ByteCount(count);
            }
        }

        return bytes > options.SizeThreshold;
    }
}
