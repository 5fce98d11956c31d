using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>
/// Dropout across 10 (the mask output became bool) and 12 (`ratio` moved from an attribute to an input and a
/// `training_mode` input appeared). In inference Dropout passes its input through, so the ratio only needs carrying;
/// a used mask crossing 10 or a training_mode that may be true crossing 12 downwards is refused.
/// </summary>
internal sealed class DropoutAdapter : IVersionRule
{
    public static DropoutAdapter Instance { get; } = new();

    private DropoutAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        var n = node.Node;
        if (node.CrossesUp(10) && n.Outputs.Count > 1 && n.Outputs[1] is { } mask && mask.Name.Length > 0 && mask.IsUsedOrReturned)
        {
            return RulePlan.Refuse($"its mask '{mask.Name}' is used, and the mask's type changes from the data type to bool at opset 10");
        }

        if (node.CrossesUp(12))
        {
            var ratio = n.FindAttribute("ratio");
            return ratio is null
                ? RulePlan.Nothing
                : RulePlan.Do(() =>
                {
                    n.RemoveAttribute("ratio");
                    node.SetInput(1, node.AddScalar("ratio", DataType.Float, ratio.AsFloat()));
                });
        }

        if (!node.CrossesDown(12))
        {
            return RulePlan.Nothing;
        }

        if (n.Input(2) is { } training && (NodeConversion.ConstantInts(training) is not { } flags || flags.Any(f => f != 0)))
        {
            return RulePlan.Refuse($"its training_mode input '{training.Name}' may be true, and Dropout before opset 12 only runs in inference");
        }

        var ratioValue = NodeConversion.Constant(n.Input(1))?.ToDoubleArray();
        return RulePlan.Do(() =>
        {
            node.RemoveInputsFrom(1);
            n.RemoveAttribute("seed");
            if (ratioValue is { Length: 1 })
            {
                n.SetAttribute(NodeAttribute.Float("ratio", (float)ratioValue[0]));
            }
        });
    }
}
