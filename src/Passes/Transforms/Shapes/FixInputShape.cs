using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>
/// `fix-input-shape{images=1x3x640x640}`: gives the named graph inputs fixed dims, binds the symbols those inputs
/// declared (batch, height, width) to the given sizes everywhere in the graph's annotations, and propagates shapes
/// with the `infer-shapes` rules. A shape that contradicts the model (wrong rank, a known dim that differs, an
/// unknown input name, a symbol bound to two sizes) is rejected with a <see cref="PipelineException"/> naming the input.
/// Safe whenever the model is then fed only inputs of those shapes. Options: one `input=DxDx...` per input.
/// </summary>
public sealed class FixInputShape(FixInputShapeOptions? options = null) : Pass<FixInputShapeOptions>(options)
{
    public override string Name => "fix-input-shape";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("inputs-fixed", "graph inputs given fixed dims"),
        StatisticInfo.Count("symbols-bound", "symbolic dims bound to a number"),
        StatisticInfo.Count("values-typed", "node outputs whose element type or shape was filled in"),
    ];

    public override PassResult Run(Model model, PassContext context)
    {
        var graph = model.Graph;
        var bindings = new Dictionary<string, long>(StringComparer.Ordinal);
        var fixes = new List<(Value Input, long[] Dims)>();
        foreach (var (name, text) in TypedOptions.Shapes)
        {
            var dims = FixInputShapeOptions.Parse(text) ?? throw new PipelineException($"{Name}: '{text}' is not a shape");
            var input = graph.Inputs.FirstOrDefault(v => v.Name == name && !v.IsInitializer)
                ?? throw new PipelineException($"{Name}: the model has no graph input '{name}' (inputs: {string.Join(", ", graph.Inputs.Where(v => !v.IsInitializer).Select(v => v.Name))})");
            Check(input, dims, bindings);
            fixes.Add((input, dims));
        }

        bool changed = false;
        foreach (var (input, dims) in fixes)
        {
            var shape = Shape.Of(dims);
            if (shape.Equals(input.Shape) || !context.TryRewrite($"fix input '{input.Name}'"))
            {
                continue;
            }

            input.Shape = shape;
            context.Statistics.Add("inputs-fixed");
            changed = true;
        }

        changed |= Substitute(graph, bindings, context);
        changed |= InferShapes.Apply(model, context);
        return PassResult.From(changed);
    }

    private void Check(Value input, long[] dims, Dictionary<string, long> bindings)
    {
        if (input.Shape is not { } declared)
        {
            return;
        }

        if (declared.Rank != dims.Length)
        {
            throw new PipelineException($"{Name}: input '{input.Name}' has rank {declared.Rank} ({declared}), but {dims.Length} dims were given");
        }

        for (int i = 0; i < dims.Length; i++)
        {
            var dim = declared[i];
            if (dim.IsKnown && dim.Value != dims[i])
            {
                throw new PipelineException($"{Name}: input '{input.Name}' dim {i} is {dim.Value} in the model ({declared}), not {dims[i]}");
            }

            if (dim.Param is { } symbol)
            {
                if (bindings.TryGetValue(symbol, out long bound) && bound != dims[i])
                {
                    throw new PipelineException($"{Name}: symbol '{symbol}' would be both {bound} and {dims[i]}");
                }

                bindings[symbol] = dims[i];
            }
        }
    }

    /// <summary>Replaces bound symbols in every annotated value of the graph (outputs and intermediate value infos).</summary>
    private static bool Substitute(OnnxOpt.Graph.IR.OnnxGraph graph, Dictionary<string, long> bindings, PassContext context)
    {
        if (bindings.Count == 0)
        {
            return false;
        }

        bool changed = false;
        foreach (var value in graph.Values.Concat(graph.Outputs).Distinct().ToList())
        {
            if (value.Shape is not { } shape || !shape.Any(d => d.Param is { } p && bindings.ContainsKey(p)))
            {
                continue;
            }

            value.Shape = new Shape(shape.Select(d => d.Param is { } p && bindings.TryGetValue(p, out long v) ? Dim.Of(v) : d));
            context.Statistics.Add("symbols-bound");
            changed = true;
        }

        return changed;
    }
}
