namespace OnnxOpt.Backends.TensorRT.Checking.Rules;

/// <summary>Inputs the parser reads at build time (Conv weights on 8.2, Squeeze axes, TopK's K, ...) must be constants.</summary>
public sealed class ConstantInputRule : ICheckRule
{
    public void Check(CheckContext context)
    {
        foreach (var node in context.Nodes)
        {
            if (!node.IsDefaultDomain || !context.Parser.ConstantInputs.TryGetValue(node.OpType, out var inputs))
            {
                continue;
            }

            foreach (var input in inputs)
            {
                var value = node.Input(input.Index);
                if (value is null || ParserWeights.IsConstantLike(value))
                {
                    continue;
                }

                string source = value.Producer is { } p ? $"computed by {p.OpType}" : "a graph input";
                context.Report(node, CheckSeverity.Unsupported, "constant-input",
                    $"input {input.Index} ({input.Name}) must be an initializer for {context.Parser.Name}, but it is {source}",
                    context.FoldFix([value], "folds it into an initializer") ?? new SuggestedFix(null, "it depends on the input data, so no folding makes it constant; rewrite the node with a constant input"));
            }
        }
    }
}
