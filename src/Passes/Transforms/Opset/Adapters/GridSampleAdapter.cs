using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>
/// GridSample at opset 20 renamed its modes ("bilinear" to "linear", "bicubic" to "cubic") and accepted N-D input.
/// The names are translated both ways; below 20 the input must be 4-D (refused when its rank is known otherwise).
/// </summary>
internal sealed class GridSampleAdapter : IVersionRule
{
    public static GridSampleAdapter Instance { get; } = new();

    private GridSampleAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        var n = node.Node;
        string? mode = n.FindAttribute("mode")?.AsString();
        if (node.CrossesDown(since))
        {
            if (node.Rank(n.Input(0)!) is { } rank && rank != 4)
            {
                return RulePlan.Refuse($"it samples a {rank}-D input, and GridSample before opset 20 takes 4-D input only");
            }

            return Rename(n, mode switch { "linear" => "bilinear", "cubic" => "bicubic", _ => null });
        }

        return node.CrossesUp(since) ? Rename(n, mode switch { "bilinear" => "linear", "bicubic" => "cubic", _ => null }) : RulePlan.Nothing;
    }

    private static RulePlan Rename(OnnxOpt.Graph.IR.Node node, string? mode) =>
        mode is null ? RulePlan.Nothing : RulePlan.Do(() => node.SetAttribute(NodeAttribute.String("mode", mode)));
}
