using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.OpRules;
using OnnxOpt.Passes.Kernels;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>
/// Walks a graph in node order, inferring each output's type and shape from the rule table and propagating
/// compile-time values: initializers, Constant nodes, Shape/Size of statically shaped values, and nodes whose inputs
/// are all known, evaluated through the supplied evaluator (which decides what is worth computing). Data
/// propagation is what lets a Reshape whose target comes from Shape→Gather→Concat arithmetic get a shape.
/// </summary>
public sealed class ShapePropagator
{
    /// <summary>Evaluates a node on known inputs, or returns null to leave its outputs unknown.</summary>
    public delegate IReadOnlyList<Tensor>? NodeEvaluator(Node node, IReadOnlyList<Tensor?> inputs);

    private readonly Dictionary<Value, TensorType> _types = [];
    private readonly Dictionary<Value, Tensor> _constants = [];
    private readonly Dictionary<Value, Dim[]> _shapeValues = [];
    private readonly List<(Node Node, Value Value, string Message)> _conflicts = [];
    private readonly NodeEvaluator _evaluate;

    public ShapePropagator(long opset, NodeEvaluator evaluate)
    {
        Opset = opset;
        _evaluate = evaluate;
    }

    public long Opset { get; }

    /// <summary>Where an inferred type contradicts a declared one (the declared one is kept).</summary>
    public IReadOnlyList<(Node Node, Value Value, string Message)> Conflicts => _conflicts;

    /// <summary>Evaluates small integer and shape-like tensors only: the default for analyses that must stay cheap.</summary>
    public static NodeEvaluator SmallValues(long opset, long maxElements = 4096) => (node, inputs) =>
    {
        if (inputs.Any(t => t is null || t.ElementCount > maxElements) || !BuiltinKernels.Supports(node) || !OpRuleTable.IsDeterministic(node))
        {
            return null;
        }

        try
        {
            var outputs = BuiltinKernels.Evaluate(node, opset, inputs);
            return outputs.All(o => o.ElementCount <= maxElements) ? outputs : null;
        }
        catch (KernelException)
        {
            return null;
        }
    };

    /// <summary>Runs over the nodes of <paramref name="graph"/>.</summary>
    public void Run(OnnxGraph graph)
    {
        foreach (var node in graph.Nodes)
        {
            Visit(node);
        }
    }

    /// <summary>The effective type of a value: what was inferred merged with what is declared.</summary>
    public TensorType TypeOf(Value value) => _types.TryGetValue(value, out var t) ? t : new TensorType(value.ElementType, value.Shape);

    /// <summary>The compile-time value, when known. An initializer that is also a graph input can be overridden, so it is not constant.</summary>
    public Tensor? ConstantOf(Value value)
    {
        if (_constants.TryGetValue(value, out var known))
        {
            return known;
        }

        return value.ConstValue is { } tensor && !value.IsGraphInput ? tensor : null;
    }

    /// <summary>Records a value computed elsewhere (the ONNX Runtime fallback of constant folding).</summary>
    public void Seed(Value value, Tensor tensor)
    {
        _constants[value] = tensor;
        _types[value] = TensorType.Of(tensor.DataType, tensor.DimsArray());
    }

    public void Visit(Node node)
    {
        if (node.Outputs.Count > 0 && node.Outputs.All(o => o.Name.Length == 0 || _constants.ContainsKey(o)))
        {
            return;
        }

        var inputs = node.Inputs.Select(v => v is null ? null : ConstantOf(v)).ToList();
        IReadOnlyList<Tensor>? values = null;
        if (node.Subgraphs().Any())
        {
            return;
        }

        if (node.Is("Constant"))
        {
            values = TryConstant(node);
        }
        else if ((node.Is("Shape") || node.Is("Size")) && node.Inputs.Count > 0 && node.Inputs[0] is { } x && TypeOf(x).Shape?.ToArray() is { } dims)
        {
            values = [node.OpType == "Shape" ? ShapeKernels.ShapeOf(dims, node.GetInt("start", 0), node.FindAttribute("end")?.AsInt()) : ShapeKernels.SizeOf(dims)];
        }
        else if (node.Inputs.Count > 0 && Enumerable.Range(0, inputs.Count).All(i => node.Inputs[i] is null || inputs[i] is not null))
        {
            values = _evaluate(node, inputs);
        }

        if (values is null && node.Outputs.Count == 1)
        {
            values = PropagateShapeValues(node, inputs);
        }

        IReadOnlyList<TensorType?>? inferred = null;
        if (values is not null)
        {
            for (int i = 0; i < node.Outputs.Count && i < values.Count; i++)
            {
                _constants[node.Outputs[i]] = values[i];
            }

            inferred = values.Select(v => (TensorType?)TensorType.Of(v.DataType, v.DimsArray())).ToList();
        }
        else if (ShapeRules.Find(node) is { } rule)
        {
            var call = new InferenceCall(node, Opset, node.Inputs.Select(v => v is null ? null : TypeOf(v)).ToList(), inputs);
            try
            {
                inferred = rule(call);
            }
            catch (Exception e) when (e is KernelException or InvalidOperationException or IndexOutOfRangeException or ArgumentException)
            {
                inferred = null;
            }
        }

        for (int i = 0; i < node.Outputs.Count; i++)
        {
            var output = node.Outputs[i];
            if (output.Name.Length == 0 || output.NonTensorType is not null)
            {
                continue;
            }

            var found = inferred is not null && i < inferred.Count ? inferred[i] : null;
            if (values is null)
            {
                found = WithTableType(node, i, found);
            }

            if (found is not null && found.ElementType == DataType.Undefined && found.Shape is null)
            {
                found = null;
            }

            var merged = TypeMerge.Merge(found, output.ElementType, output.Shape, out var conflict);
            if (conflict is not null)
            {
                _conflicts.Add((node, output, conflict));
            }

            _types[output] = merged;
        }
    }

    /// <summary>The op-rule table decides element types; shape rules decide shapes. Computed values keep their own type.</summary>
    private TensorType? WithTableType(Node node, int index, TensorType? found)
    {
        var type = OpRuleTable.KnownElementTypeOf(node, index, v => v is null ? DataType.Undefined : TypeOf(v).ElementType);
        if (type == DataType.Undefined)
        {
            return found;
        }

        return found is null ? new TensorType(type, null) : found with { ElementType = type };
    }

    /// <summary>Tracks Shape-derived int64 vectors dim by dim; once every dim is known the value is a constant.</summary>
    private IReadOnlyList<Tensor>? PropagateShapeValues(Node node, List<Tensor?> inputs)
    {
        Dim[]? Element(int i) => i < node.Inputs.Count && node.Inputs[i] is { } v
            ? _shapeValues.GetValueOrDefault(v) ?? ShapeValues.FromConstant(inputs[i])
            : null;
        Tensor? Constant(int i) => i < inputs.Count ? inputs[i] : null;
        Shape? ShapeOf(int i) => i < node.Inputs.Count && node.Inputs[i] is { } v ? TypeOf(v).Shape : null;

        var dims = ShapeValues.Propagate(node, Element, Constant, ShapeOf, out bool scalar);
        if (dims is null)
        {
            return null;
        }

        _shapeValues[node.Outputs[0]] = dims;
        if (!dims.All(d => d.IsKnown))
        {
            return null;
        }

        var values = dims.Select(d => d.Value!.Value).ToArray();
        return [scalar && values.Length == 1 ? Tensor.Scalar(values[0]) : Tensor.Create(values, values.Length)];
    }

    private static IReadOnlyList<Tensor>? TryConstant(Node node)
    {
        try
        {
            return [ShapeKernels.ConstantValue(node)];
        }
        catch (Exception e) when (e is KernelException or InvalidOperationException)
        {
            return null;
        }
    }
}
