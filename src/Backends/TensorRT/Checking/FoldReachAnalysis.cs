using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.OpRules;

namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>
/// Works out the <see cref="FoldReach"/> of values, mirroring what <c>fold-constants</c> evaluates: constants,
/// Shape and Size of tensors whose shape is static (or becomes static once the dynamic graph inputs are fixed),
/// and deterministic default-domain ops without subgraphs whose inputs all fold. Quantization ops count as
/// never, since folding keeps them unless asked. The walk is iterative, so a deep graph cannot overflow the stack.
/// </summary>
public sealed class FoldReachAnalysis(bool hasDynamicInputs)
{
    private readonly Dictionary<Value, FoldReach> _known = [];

    /// <summary>The reach of the value that needs it most among <paramref name="values"/> (omitted inputs ignored).</summary>
    public FoldReach Of(IEnumerable<Value?> values)
    {
        var reach = FoldReach.Now;
        foreach (var value in values.OfType<Value>())
        {
            reach = Max(reach, Of(value));
        }

        return reach;
    }

    public FoldReach Of(Value value)
    {
        if (_known.TryGetValue(value, out var known))
        {
            return known;
        }

        // Post-order over producers with an explicit stack; a value is marked Never while open, so a cycle in a
        // malformed graph ends as "never folds" instead of looping.
        var stack = new Stack<(Value Value, bool Expanded)>();
        stack.Push((value, false));
        while (stack.TryPop(out var entry))
        {
            var current = entry.Value;
            if (!entry.Expanded)
            {
                if (_known.ContainsKey(current))
                {
                    continue;
                }

                if (Leaf(current) is { } leaf)
                {
                    _known[current] = leaf;
                    continue;
                }

                _known[current] = FoldReach.Never;
                stack.Push((current, true));
                foreach (var input in Dependencies(current.Producer!))
                {
                    if (!_known.ContainsKey(input))
                    {
                        stack.Push((input, false));
                    }
                }

                continue;
            }

            _known[current] = Combine(current.Producer!);
        }

        return _known[value];
    }

    private FoldReach? Leaf(Value value)
    {
        if (ParserWeights.TryGet(value) is not null)
        {
            return FoldReach.Now;
        }

        if (value.Producer is not { } node || !MayFold(node))
        {
            return FoldReach.Never;
        }

        return IsShapeReader(node) ? ShapeReach(node.Input(0)) : null;
    }

    private FoldReach Combine(Node node)
    {
        var reach = FoldReach.Now;
        foreach (var input in Dependencies(node))
        {
            reach = Max(reach, _known.TryGetValue(input, out var r) ? r : FoldReach.Never);
        }

        return reach;
    }

    private FoldReach ShapeReach(Value? input) =>
        input?.Shape is { IsStatic: true } || !hasDynamicInputs ? FoldReach.Now : FoldReach.WithFixedShapes;

    private static IEnumerable<Value> Dependencies(Node node) => node.Inputs.OfType<Value>();

    private static bool IsShapeReader(Node node) => node.Is("Shape") || node.Is("Size");

    private static bool MayFold(Node node) =>
        node.IsDefaultDomain && OpRuleTable.IsDeterministic(node) && !node.Subgraphs().Any()
        && node.OpType is not ("QuantizeLinear" or "DequantizeLinear" or "DynamicQuantizeLinear");

    private static FoldReach Max(FoldReach a, FoldReach b) => a > b ? a : b;
}
