using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Cleanup;

/// <summary>
/// Removes a node whose output carries the same data as another value (<c>replacement</c>), pointing every use of
/// the output at the replacement. Graph input and output names never change: when the output is a graph output,
/// the replacement takes over its name, which is only allowed when the replacement is a node output of the same
/// graph that is not itself a graph input, output or initializer and that only the removed node reads.
/// </summary>
internal static class OutputForwarding
{
    /// <summary>Null when <see cref="ForwardAndRemove"/> may run, else why not.</summary>
    public static string? Check(Node node, Value output, Value? replacement)
    {
        if (replacement is null)
        {
            return "the forwarded input is omitted";
        }

        if (output.IsReturnedBySubgraph)
        {
            return $"'{output.Name}' is returned by a subgraph";
        }

        foreach (var extra in node.Outputs)
        {
            if (!ReferenceEquals(extra, output) && (extra.HasUses || extra.IsGraphOutput || extra.IsReturnedBySubgraph))
            {
                return $"output '{extra.Name}' is still used";
            }
        }

        if (!output.IsGraphOutput)
        {
            return null;
        }

        if (replacement.Producer is null || replacement.IsInitializer)
        {
            return $"'{output.Name}' is a graph output and '{replacement.Name}' is a graph input or initializer, so it cannot take the output's name";
        }

        if (replacement.Graph != output.Graph)
        {
            return $"'{output.Name}' is a graph output and '{replacement.Name}' comes from an enclosing graph";
        }

        if (replacement.IsGraphOutput || replacement.IsReturnedBySubgraph)
        {
            return $"'{output.Name}' and '{replacement.Name}' are both graph outputs";
        }

        if (replacement.Uses.Any(u => u.Node != node))
        {
            return $"'{output.Name}' is a graph output and '{replacement.Name}' has other users, so it cannot be renamed";
        }

        return null;
    }

    /// <summary>Performs the forwarding that <see cref="Check"/> allowed; returns true when the replacement was renamed.</summary>
    public static bool ForwardAndRemove(Node node, Value output, Value replacement)
    {
        var graph = node.Graph!;
        output.ReplaceAllUsesWith(replacement);
        bool isOutput = false;
        for (int i = 0; i < graph.Outputs.Count; i++)
        {
            if (ReferenceEquals(graph.Outputs[i], output))
            {
                graph.SetOutput(i, replacement);
                isOutput = true;
            }
        }

        string name = output.Name;
        var type = output.ElementType;
        var shape = output.Shape;
        var doc = output.DocString;
        graph.RemoveNode(node);
        if (!isOutput)
        {
            return false;
        }

        replacement.Name = name;
        if (type != DataType.Undefined)
        {
            replacement.ElementType = type;
        }

        replacement.Shape = shape ?? replacement.Shape;
        replacement.DocString = doc ?? replacement.DocString;
        return true;
    }
}
