using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Kernels;

using Graph = OnnxOpt.Graph.IR.OnnxGraph;

/// <summary>
/// Runs a whole graph with the built-in kernels alone: the reference interpreter the conformance tests use, and a
/// way to evaluate small constant subgraphs without ONNX Runtime. Throws <see cref="KernelException"/> on the first
/// node it cannot evaluate.
/// </summary>
public static class GraphEvaluator
{
    /// <summary>Evaluates the main graph on <paramref name="inputs"/> (by input name) and returns every graph output by name.</summary>
    public static IReadOnlyDictionary<string, Tensor> Run(Model model, IReadOnlyDictionary<string, Tensor> inputs)
    {
        long opset = model.GetOpset() ?? 1;
        var graph = model.Graph;
        var values = new Dictionary<Value, Tensor>();
        foreach (var initializer in graph.Initializers)
        {
            values[initializer] = initializer.ConstValue!;
        }

        foreach (var input in graph.Inputs)
        {
            if (inputs.TryGetValue(input.Name, out var tensor))
            {
                values[input] = tensor;
            }
            else if (!input.IsInitializer)
            {
                throw new KernelException($"no value given for graph input '{input.Name}'");
            }
        }

        foreach (var node in graph.Nodes)
        {
            var args = node.Inputs.Select(v => v is null ? null : values.TryGetValue(v, out var t) ? t : throw new KernelException($"value '{v.Name}' is not available")).ToList();
            var results = BuiltinKernels.Evaluate(node, opset, args);
            for (int i = 0; i < node.Outputs.Count && i < results.Count; i++)
            {
                values[node.Outputs[i]] = results[i];
            }
        }

        return graph.Outputs.ToDictionary(o => o.Name, o => values.TryGetValue(o, out var t) ? t : throw new KernelException($"graph output '{o.Name}' was not computed"));
    }

    /// <summary>Convenience for a graph whose inputs are all given positionally.</summary>
    public static IReadOnlyDictionary<string, Tensor> Run(Model model, IReadOnlyList<Tensor> inputs)
    {
        var named = model.Graph.Inputs.Where(i => !i.IsInitializer).Zip(inputs).ToDictionary(p => p.First.Name, p => p.Second);
        return Run(model, named);
    }
}
