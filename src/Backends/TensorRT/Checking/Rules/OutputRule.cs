namespace OnnxOpt.Backends.TensorRT.Checking.Rules;

/// <summary>Optional outputs the parser cannot produce (MaxPool's Indices, LayerNormalization's statistics) must be unused.</summary>
public sealed class OutputRule : ICheckRule
{
    public void Check(CheckContext context)
    {
        foreach (var node in context.Nodes)
        {
            if (!node.IsDefaultDomain || !context.Parser.UnsupportedOutputs.TryGetValue(node.OpType, out var indices))
            {
                continue;
            }

            foreach (int index in indices)
            {
                if (index < node.Outputs.Count && node.Outputs[index] is { Name.Length: > 0 } output && (output.HasUses || output.IsGraphOutput))
                {
                    context.Report(node, CheckSeverity.Unsupported, "unsupported-output", $"output {index} ('{output.Name}') is used, but {context.Parser.Name} does not produce it",
                        new SuggestedFix(null, "compute that output another way"));
                }
            }
        }
    }
}
