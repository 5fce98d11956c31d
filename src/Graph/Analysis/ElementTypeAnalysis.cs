using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.OpRules;

namespace OnnxOpt.Graph.Analysis;

/// <summary>
/// The element type of every tensor value of a model, in all its graphs: declared types where the file has
/// them, otherwise inferred in node order from the op rules (<see cref="OpRuleTable"/>). Exports declare little more
/// than their inputs and outputs, and a precision pass or a backend check must know which untyped values carry
/// float32 data. Passes get it from their analysis cache, so one run serves every pass until the model changes.
/// Values whose type cannot be told (sequences, unknown custom ops fed by unknown values) are Undefined.
/// </summary>
public sealed class ElementTypeAnalysis
{
    private readonly Dictionary<Value, DataType> _types = [];

    private ElementTypeAnalysis()
    {
    }

    /// <summary>Infers the types of every value in <paramref name="model"/>.</summary>
    public static ElementTypeAnalysis Run(Model model)
    {
        var inference = new ElementTypeAnalysis();
        inference.InferGraph(model.Graph, null);
        return inference;
    }

    /// <summary>The type of <paramref name="value"/>; Undefined when unknown or not a plain tensor.</summary>
    public DataType TypeOf(Value? value)
    {
        if (value is null || value.NonTensorType is not null)
        {
            return DataType.Undefined;
        }

        if (_types.TryGetValue(value, out var type))
        {
            return type;
        }

        return value.ConstValue?.DataType ?? value.ElementType;
    }

    private void InferGraph(OnnxGraph graph, Node? owner)
    {
        for (int i = 0; i < graph.Inputs.Count; i++)
        {
            var input = graph.Inputs[i];
            _types[input] = input.ConstValue?.DataType
                ?? (input.ElementType != DataType.Undefined ? input.ElementType : SubgraphInputType(owner, i));
        }

        foreach (var init in graph.Initializers)
        {
            _types[init] = init.ConstValue!.DataType;
        }

        foreach (var node in graph.Nodes)
        {
            foreach (var attribute in node.Attributes)
            {
                foreach (var subgraph in attribute.Subgraphs())
                {
                    InferGraph(subgraph, node);
                }
            }

            for (int o = 0; o < node.Outputs.Count; o++)
            {
                var output = node.Outputs[o];
                if (output.NonTensorType is not null)
                {
                    continue;
                }

                _types[output] = output.ElementType != DataType.Undefined
                    ? output.ElementType
                    : OpRuleTable.ElementTypeOf(node, o, TypeOf, (name, i) => SubgraphOutputType(node, name, i));
            }
        }
    }

    private DataType SubgraphOutputType(Node node, string attributeName, int index)
    {
        var subgraph = node.FindAttribute(attributeName)?.Subgraphs().FirstOrDefault();
        return subgraph is not null && index < subgraph.Outputs.Count ? TypeOf(subgraph.Outputs[index]) : DataType.Undefined;
    }

    /// <summary>Undeclared body inputs of Loop (iteration, condition, carried values) and Scan (state, scan elements).</summary>
    private DataType SubgraphInputType(Node? owner, int index)
    {
        if (owner is null || !owner.IsDefaultDomain)
        {
            return DataType.Undefined;
        }

        return owner.OpType switch
        {
            "Loop" => index switch
            {
                0 => DataType.Int64,
                1 => DataType.Bool,
                _ => TypeOf(owner.Input(index)),
            },
            "Scan" => TypeOf(owner.Input(index)),
            _ => DataType.Undefined,
        };
    }
}
