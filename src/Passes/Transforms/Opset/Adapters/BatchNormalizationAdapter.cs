using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>
/// BatchNormalization across 9 (the `spatial` attribute, always 1 for convolutions, was removed), 14 (`training_mode`
/// and separate types for mean/var) and 15 (separate types for scale/bias). Only inference nodes convert: training
/// statistics outputs that anything reads, training_mode=1, spatial=0, or mixed element types an older version cannot
/// declare are refused. Unused statistics outputs are dropped on the way down.
/// </summary>
internal sealed class BatchNormalizationAdapter : IVersionRule
{
    public static BatchNormalizationAdapter Instance { get; } = new();

    private BatchNormalizationAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        var n = node.Node;
        var actions = new List<Action>();
        bool usedStatistics = n.Outputs.Skip(1).Any(o => o.Name.Length > 0 && o.IsUsedOrReturned);
        if (node.CrossesUp(9))
        {
            if (n.GetInt("spatial", 1) != 1)
            {
                return RulePlan.Refuse("spatial=0 normalizes every activation separately, which BatchNormalization cannot express from opset 9");
            }

            if (usedStatistics)
            {
                return RulePlan.Refuse("its training statistics outputs are used; only inference BatchNormalization converts");
            }

            actions.Add(() => n.RemoveAttribute("spatial"));
        }

        if (node.CrossesDown(14))
        {
            if (n.GetInt("training_mode", 0) != 0 || usedStatistics)
            {
                return RulePlan.Refuse("it runs in training mode (updating running statistics), which needs opset 14");
            }

            actions.Add(() =>
            {
                n.RemoveAttribute("training_mode");
                while (n.Outputs.Count > 1)
                {
                    n.RemoveTrailingOutput();
                }
            });
        }

        var data = node.ElementType(n.Input(0)!);
        string? mismatch = (node.CrossesDown(15) ? FirstOther(node, data, 1, 2) : null) ?? (node.CrossesDown(14) ? FirstOther(node, data, 3, 4) : null);
        if (mismatch is not null)
        {
            return RulePlan.Refuse($"'{mismatch}' has another element type than the data ({data.OnnxName()}), which this BatchNormalization version cannot declare");
        }

        return actions.Count == 0 ? RulePlan.Nothing : RulePlan.Do(() => actions.ForEach(a => a()));
    }

    private static string? FirstOther(NodeConversion node, DataType data, params int[] inputs)
    {
        if (data == DataType.Undefined)
        {
            return null;
        }

        foreach (int index in inputs)
        {
            if (node.Node.Input(index) is { } value && node.ElementType(value) is var type && type != DataType.Undefined && type != data)
            {
                return value.Name;
            }
        }

        return null;
    }
}
