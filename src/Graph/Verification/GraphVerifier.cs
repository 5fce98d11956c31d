using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.Verification;

/// <summary>
/// Checks the invariants every pass must preserve: one producer per value, inputs defined before use
/// (graph inputs, initializers, earlier nodes or enclosing graphs), topological order without cycles,
/// produced graph outputs, unique names, consistent use lists and consistent declared types.
/// </summary>
public static class GraphVerifier
{
    public static IReadOnlyList<Diagnostic> Verify(Model model)
    {
        var diagnostics = new List<Diagnostic>();
        if (model.GetOpset() is null && model.Graph.AllNodes().Any(n => n.IsDefaultDomain))
        {
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, "the model uses default-domain ops but imports no default opset"));
        }

        ModelHeaderRules.Check(model, diagnostics);
        RequiredInputRules.Check(model, diagnostics);
        VerifyGraph(model.Graph, diagnostics);
        return diagnostics;
    }

    public static IReadOnlyList<Diagnostic> Verify(OnnxGraph graph)
    {
        var diagnostics = new List<Diagnostic>();
        VerifyGraph(graph, diagnostics);
        return diagnostics;
    }

    /// <summary>Throws <see cref="OnnxFormatException"/> with the first error, if any.</summary>
    public static void ThrowIfInvalid(Model model)
    {
        var errors = Verify(model).Where(d => d.IsError).ToList();
        if (errors.Count > 0)
        {
            string more = errors.Count > 1 ? $" (and {errors.Count - 1} more)" : string.Empty;
            throw new OnnxFormatException($"invalid model: {errors[0].ToString()["error: ".Length..]}{more}");
        }
    }

    private static void VerifyGraph(OnnxGraph graph, List<Diagnostic> diagnostics)
    {
        void Error(string message, Node? node = null) =>
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, message, node?.Name, graph.Name));

        var names = new HashSet<string>(StringComparer.Ordinal);
        var outer = graph.ParentGraph;
        foreach (var value in graph.Initializers.Concat(graph.Inputs.Where(v => !v.IsInitializer)))
        {
            if (!names.Add(value.Name))
            {
                Error($"value '{value.Name}' is defined more than once");
            }

            if (outer is not null && value.Name.Length > 0 && outer.IsNameTaken(value.Name))
            {
                Error($"value '{value.Name}' is also defined in an enclosing graph (names must be unique across scopes)");
            }

            if (value.ConstValue is { } tensor && value.ElementType != tensor.DataType)
            {
                Error($"initializer '{value.Name}' holds {tensor.DataType.OnnxName()} data but is declared {value.ElementType.OnnxName()}");
            }
        }

        // The node list's own position table (built once, the verifier does not edit) instead of a dictionary.
        var nodes = graph.Nodes;
        var nodeNames = new HashSet<string>(StringComparer.Ordinal);
        bool outOfOrder = false;
        int position = -1;
        foreach (var node in nodes)
        {
            position++;
            if (node.Graph != graph)
            {
                Error("node is listed in the graph but does not belong to it", node);
            }

            if (node.Name.Length > 0 && !nodeNames.Add(node.Name))
            {
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Warning, "node name is not unique", node.Name, graph.Name));
            }

            for (int i = 0; i < node.Inputs.Count; i++)
            {
                var input = node.Inputs[i];
                if (input is null)
                {
                    continue;
                }

                if (!node.HasRecordedUse(i))
                {
                    Error($"use list of '{input.Name}' does not record input {i}", node);
                }

                if (input.Graph is null)
                {
                    Error($"input '{input.Name}' refers to a value that was removed from the graph", node);
                }
                else if (input.Graph != graph)
                {
                    if (!IsAncestor(input.Graph, graph))
                    {
                        Error($"input '{input.Name}' belongs to another graph ('{input.Graph.Name}')", node);
                    }
                    else if (input.Producer is { } outerProducer && !ProducedBefore(outerProducer, graph))
                    {
                        Error($"input '{input.Name}' comes from an enclosing graph, where node '{outerProducer.Name}' produces it only after the node holding this subgraph", node);
                    }
                }
                else if (input.Producer is { } producer)
                {
                    int at = nodes.IndexOf(producer);
                    if (at < 0)
                    {
                        Error($"input '{input.Name}' is produced by node '{producer.Name}', which is not in the graph", node);
                    }
                    else if (at >= position)
                    {
                        outOfOrder = true;
                        Error($"input '{input.Name}' is used before node '{producer.Name}' produces it (nodes are not in topological order)", node);
                    }
                }
                else if (!input.IsInitializer && !graph.Inputs.Contains(input))
                {
                    Error($"input '{input.Name}' is not a graph input, an initializer or a node output", node);
                }
            }

            for (int o = 0; o < node.Outputs.Count; o++)
            {
                var output = node.Outputs[o];
                if (output.Producer != node || output.ProducerOutputIndex != o)
                {
                    Error($"output '{output.Name}' does not record this node as its producer", node);
                }

                if (output.Name.Length == 0)
                {
                    continue;
                }

                if (!names.Add(output.Name))
                {
                    Error($"value '{output.Name}' has more than one producer", node);
                }

                if (outer is not null && outer.IsNameTaken(output.Name))
                {
                    Error($"output '{output.Name}' is also defined in an enclosing graph (names must be unique across scopes)", node);
                }

                if (graph.FindValue(output.Name) != output)
                {
                    Error($"output '{output.Name}' is missing from the graph's name table", node);
                }
            }

            foreach (var message in TypeConstraints.Check(node))
            {
                Error(message, node);
            }

            foreach (var subgraph in node.Subgraphs())
            {
                if (subgraph.ParentNode != node)
                {
                    Error($"subgraph '{subgraph.Name}' does not record its owner", node);
                }

                VerifyGraph(subgraph, diagnostics);
            }
        }

        if (outOfOrder && FindCycle(graph) is { } cycle)
        {
            Error($"the graph has a cycle: {string.Join(" -> ", cycle.Select(n => $"'{n.Name}'"))}", cycle[0]);
        }

        foreach (var output in graph.Outputs)
        {
            bool defined = output.Graph == graph
                ? output.Producer is { } p ? nodes.Contains(p) : output.IsInitializer || graph.Inputs.Contains(output)
                : output.Graph is not null && IsAncestor(output.Graph, graph);
            if (!defined)
            {
                Error($"graph output '{output.Name}' is not produced in the graph");
            }

            if (!output.ReturnedBy.Contains(graph))
            {
                Error($"graph output '{output.Name}' is not recorded as returned by the graph");
            }
        }
    }

    /// <summary>Whether <paramref name="producer"/> comes before the node of its own graph that (transitively) holds <paramref name="inner"/>.</summary>
    private static bool ProducedBefore(Node producer, OnnxGraph inner)
    {
        if (producer.Graph is not { } graph || inner.ParentNode is not { } parent || graph.OutermostNodeOf(parent) is not { } holder)
        {
            return false;
        }

        int at = graph.IndexOf(producer);
        return at >= 0 && at < graph.IndexOf(holder);
    }

    private static bool IsAncestor(OnnxGraph candidate, OnnxGraph graph)
    {
        for (var g = graph.ParentGraph; g is not null; g = g.ParentGraph)
        {
            if (g == candidate)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds one cycle among the graph's nodes (iterative DFS, so deep graphs cannot overflow the stack).</summary>
    private static List<Node>? FindCycle(OnnxGraph graph)
    {
        var state = new Dictionary<Node, int>();
        foreach (var root in graph.Nodes)
        {
            if (state.ContainsKey(root))
            {
                continue;
            }

            var stack = new Stack<(Node Node, int Next)>();
            var path = new List<Node>();
            stack.Push((root, 0));
            state[root] = 1;
            path.Add(root);
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                var inputs = node.Inputs;
                if (next < inputs.Count)
                {
                    stack.Push((node, next + 1));
                    var producer = inputs[next]?.Producer;
                    if (producer is null || producer.Graph != graph)
                    {
                        continue;
                    }

                    if (state.TryGetValue(producer, out int s))
                    {
                        if (s == 1)
                        {
                            int start = path.IndexOf(producer);
                            return path.Skip(start).Reverse().ToList();
                        }

                        continue;
                    }

                    state[producer] = 1;
                    path.Add(producer);
                    stack.Push((producer, 0));
                }
                else
                {
                    state[node] = 2;
                    path.RemoveAt(path.Count - 1);
                }
            }
        }

        return null;
    }
}
