using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Checking.Rules;

/// <summary>Attribute values the parser does not handle: Resize modes and coordinate transformations, TopK sorting, ...</summary>
public sealed class AttributeRule : ICheckRule
{
    public void Check(CheckContext context)
    {
        var byOp = context.Parser.Attributes.ToLookup(a => a.Op, StringComparer.Ordinal);
        foreach (var node in context.Nodes)
        {
            if (!node.IsDefaultDomain)
            {
                continue;
            }

            foreach (var requirement in byOp[node.OpType])
            {
                string value = ValueText(node.FindAttribute(requirement.Attribute)) ?? requirement.Default;
                if (!requirement.Allowed.Contains(value, StringComparer.Ordinal))
                {
                    context.Report(node, CheckSeverity.Unsupported, "attribute",
                        $"{requirement.Attribute}='{value}' is not supported by {context.Parser.Name} (supported: {string.Join(", ", requirement.Allowed)})",
                        new SuggestedFix(null, $"re-export the model with {requirement.Attribute} set to a supported value"));
                }
            }
        }
    }

    private static string? ValueText(OnnxOpt.Graph.IR.NodeAttribute? attribute) => attribute?.RawValue switch
    {
        null => null,
        long i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        byte[] => attribute.AsString(),
        _ => attribute.ValueText(),
    };
}
