using System.Globalization;
using System.Text;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.Text;

/// <summary>
/// A stable, line-oriented text form of a model, for IR dumps, diffs and golden tests. Small constants are
/// printed in full; large ones by type, shape and a short content hash so that a change to weights shows up.
/// </summary>
public static class GraphPrinter
{
    private const int InlineElements = 8;

    public static string Print(Model model)
    {
        var text = new StringBuilder();
        text.Append("model ir_version=").Append(model.IrVersion);
        text.Append(" opsets={").Append(string.Join(", ", model.OpsetImports.Select(o => $"\"{o.Domain}\":{o.Version}"))).Append('}');
        if (model.ProducerName is not null)
        {
            text.Append(" producer=\"").Append(model.ProducerName).Append(' ').Append(model.ProducerVersion).Append('"');
        }

        text.AppendLine();
        foreach (var (key, value) in model.MetadataProps)
        {
            string shown = value.Length > 60 ? value[..57] + "..." : value;
            text.Append("metadata ").Append(key).Append(" = \"").Append(shown.Replace("\n", "\\n", StringComparison.Ordinal)).AppendLine("\"");
        }

        PrintGraph(model.Graph, text, 0);
        return text.ToString();
    }

    public static string Print(OnnxGraph graph)
    {
        var text = new StringBuilder();
        PrintGraph(graph, text, 0);
        return text.ToString();
    }

    private static void PrintGraph(OnnxGraph graph, StringBuilder text, int depth)
    {
        string pad = new(' ', depth * 2);
        text.Append(pad).Append("graph ").Append(graph.Name).Append('(');
        text.Append(string.Join(", ", graph.Inputs.Where(v => !v.IsInitializer).Select(Typed)));
        text.Append(") -> (").Append(string.Join(", ", graph.Outputs.Select(Typed))).AppendLine(") {");
        foreach (var init in graph.Initializers)
        {
            text.Append(pad).Append("  const %").Append(init.Name).Append(" = ").AppendLine(TensorText(init.ConstValue!));
        }

        foreach (var node in graph.Nodes)
        {
            text.Append(pad).Append("  ");
            text.Append(string.Join(", ", node.Outputs.Select(o => o.Name.Length == 0 ? "_" : "%" + o.Name)));
            text.Append(" = ");
            if (!node.IsDefaultDomain)
            {
                text.Append(node.Domain).Append("::");
            }

            text.Append(node.OpType).Append('(');
            text.Append(string.Join(", ", node.Inputs.Select(i => i is null ? "_" : "%" + i.Name))).Append(')');
            var plain = node.Attributes.Where(a => a.Kind is not (AttributeKind.Graph or AttributeKind.Graphs)).ToList();
            if (plain.Count > 0)
            {
                text.Append(" {").Append(string.Join(", ", plain.Select(a => $"{a.Name}={AttributeText(a)}"))).Append('}');
            }

            var types = node.Outputs.Where(o => o.Name.Length > 0 && o.ElementType != DataType.Undefined).Select(o => o.TypeString()).ToList();
            if (types.Count > 0)
            {
                text.Append(" : ").Append(string.Join(", ", types));
            }

            if (node.Name.Length > 0)
            {
                text.Append("  # ").Append(node.Name);
            }

            text.AppendLine();
            foreach (var attribute in node.Attributes.Where(a => a.Kind is AttributeKind.Graph or AttributeKind.Graphs))
            {
                foreach (var subgraph in attribute.Subgraphs())
                {
                    text.Append(pad).Append("    ").Append(attribute.Name).AppendLine(":");
                    PrintGraph(subgraph, text, depth + 2);
                }
            }
        }

        text.Append(pad).Append("  return ").AppendLine(string.Join(", ", graph.Outputs.Select(o => "%" + o.Name)));
        text.Append(pad).AppendLine("}");
    }

    private static string Typed(Value value) => $"%{value.Name}: {value.TypeString()}";

    private static string AttributeText(NodeAttribute attribute) =>
        attribute.RawValue is Tensor t ? TensorText(t) : attribute.ValueText();

    /// <summary>A tensor as text: all values when small, otherwise type, shape and a content hash.</summary>
    public static string TensorText(Tensor tensor)
    {
        string head = tensor.ToString();
        if (tensor.External is not null && !tensor.IsLoaded)
        {
            return $"{head} external({tensor.External.RelativeLocation}@{tensor.External.Offset})";
        }

        if (tensor.Strings is not null)
        {
            return $"{head} strings({tensor.Strings.Count})";
        }

        if (tensor.ElementCount <= InlineElements && tensor.DataType.BitSize() >= 8 && tensor.DataType is not (DataType.Complex64 or DataType.Complex128))
        {
            try
            {
                var values = tensor.DataType switch
                {
                    DataType.Float or DataType.Double or DataType.Float16 or DataType.BFloat16 =>
                        tensor.ToDoubleArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)),
                    DataType.UInt64 => tensor.ToArray<ulong>().Select(v => v.ToString(CultureInfo.InvariantCulture)),
                    _ => tensor.ToInt64Array().Select(v => v.ToString(CultureInfo.InvariantCulture)),
                };
                return $"{head} [{string.Join(", ", values)}]";
            }
            catch (NotSupportedException)
            {
                // Exotic 8-bit float types: fall through to the hash.
            }
        }

        return $"{head} hash={ContentHash(tensor.Bytes.Span):x8}";
    }

    // FNV-1a: short, stable across runs and platforms, good enough to make weight changes visible in diffs.
    private static uint ContentHash(ReadOnlySpan<byte> bytes)
    {
        uint hash = 2166136261;
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash;
    }
}
