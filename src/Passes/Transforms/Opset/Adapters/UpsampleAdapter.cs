using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>
/// Upsample (opsets 7 to 9, deprecated at 10) becomes the target opset's Resize with the coordinates Upsample always
/// used: asymmetric, nearest pixels rounded down (Upsample only enlarges; a constant scale below 1, which only the
/// deprecated opset-10 schema allowed, rounds up as that version did).
/// </summary>
internal sealed class UpsampleAdapter : IVersionRule
{
    public static UpsampleAdapter Instance { get; } = new();

    private UpsampleAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        var n = node.Node;
        string mode = n.GetString("mode", "nearest");
        if (mode is not ("nearest" or "linear" or "bilinear"))
        {
            return RulePlan.Refuse($"mode \"{mode}\" has no Resize equivalent");
        }

        var scalesInput = n.Input(1);
        var scalesAttribute = n.GetFloats("scales");
        if (scalesInput is null && scalesAttribute is null)
        {
            return RulePlan.Refuse("it has neither a scales input nor a scales attribute");
        }

        string nearest = "floor";
        var known = scalesAttribute?.Select(f => (double)f).ToArray() ?? NodeConversion.Constant(scalesInput)?.ToDoubleArray();
        if (mode == "nearest" && known is not null && known.Any(v => v < 1))
        {
            if (known.Any(v => v > 1))
            {
                return RulePlan.Refuse("it upsamples some axes and downsamples others, which Resize cannot round the same way");
            }

            nearest = "ceil";
        }

        return RulePlan.Do(() =>
        {
            var x = n.Input(0);
            var scales = scalesInput ?? node.AddInitializer("scales", Tensor.Create(scalesAttribute!.ToArray(), scalesAttribute!.Count));
            var roi = node.Target < 13 ? node.AddInitializer("roi", Tensor.Create(Array.Empty<float>(), 0)) : null;
            n.OpType = "Resize";
            n.ReplaceInputs([x, roi, scales]);
            n.RemoveAttribute("scales");
            n.SetAttribute(NodeAttribute.String("mode", mode == "nearest" ? "nearest" : "linear"));
            n.SetAttribute(NodeAttribute.String("coordinate_transformation_mode", "asymmetric"));
            if (mode == "nearest")
            {
                n.SetAttribute(NodeAttribute.String("nearest_mode", nearest));
            }
        });
    }
}
