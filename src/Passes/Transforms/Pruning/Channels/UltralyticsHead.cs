using System.Globalization;
using System.Text.RegularExpressions;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// The detection head of an Ultralytics export: the module with the highest index in the exporter's node names
/// (`/model.22/...` in YOLOv8n). Its output Convs (the final box and class Convs, the DFL Conv: the Convs that are not
/// followed by their own SiLU) feed the decoding, whose layout fixes their channel counts, so they keep their outputs.
/// </summary>
public sealed partial class UltralyticsHead
{
    private readonly string _prefix;

    private UltralyticsHead(string prefix) => _prefix = prefix;

    /// <summary>The head of an Ultralytics export, or null when the node names do not follow the exporter's scheme.</summary>
    public static UltralyticsHead? Find(Model model)
    {
        int last = -1;
        foreach (var node in model.Graph.Nodes)
        {
            var match = ModuleName().Match(node.Name);
            if (match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                last = Math.Max(last, index);
            }
        }

        return last < 0 ? null : new UltralyticsHead($"/model.{last.ToString(CultureInfo.InvariantCulture)}/");
    }

    /// <summary>Why the Conv's output channels must stay, or null.</summary>
    public string? Reason(Node conv)
    {
        if (!conv.Name.StartsWith(_prefix, StringComparison.Ordinal))
        {
            return null;
        }

        return IsActivated(conv) ? null : $"output Conv of the Ultralytics head {_prefix.TrimEnd('/')}";
    }

    /// <summary>True when the Conv's output goes through x * sigmoid(x) (SiLU as exported) or another activation only.</summary>
    private static bool IsActivated(Node conv)
    {
        var output = conv.Output(0);
        return output.Uses.Count > 0 && output.Uses.All(u => u.Node.OpType is "Sigmoid" or "Mul" or "Relu" or "LeakyRelu" or "HardSwish" or "Silu");
    }

    [GeneratedRegex(@"^/model\.(\d+)/")]
    private static partial Regex ModuleName();
}
