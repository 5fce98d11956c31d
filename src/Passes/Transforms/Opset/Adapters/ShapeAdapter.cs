using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>
/// Shape gained `start` and `end` at opset 15. Below it, a Shape with either becomes a full Shape followed by a
/// Slice of the same range (Slice clamps negative and out-of-range bounds the way Shape does).
/// </summary>
internal sealed class ShapeAdapter : IVersionRule
{
    public static ShapeAdapter Instance { get; } = new();

    private ShapeAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        var n = node.Node;
        if (!node.CrossesDown(since) || (!n.HasAttribute("start") && !n.HasAttribute("end")))
        {
            return RulePlan.Nothing;
        }

        long start = n.GetInt("start", 0);
        long? end = n.FindAttribute("end")?.AsInt();
        if (start == 0 && end is null)
        {
            return RulePlan.Do(() => n.RemoveAttribute("start"));
        }

        return RulePlan.Do(() =>
        {
            n.RemoveAttribute("start");
            n.RemoveAttribute("end");
            var starts = node.AddInt64s("start", [start]);
            var ends = node.AddInt64s("end", [end ?? long.MaxValue]);
            node.AppendAfter(n.Output(0), "Slice", [starts, ends], "slice");
        });
    }
}
