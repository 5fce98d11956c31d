using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>
/// Resize across its versions. 10: inputs (X, scales), asymmetric coordinates, nearest pixels rounded down when
/// upsampling and up when downsampling. 11: inputs (X, roi, scales, sizes) with roi and scales required and the
/// coordinate_transformation_mode/nearest_mode attributes. 13: roi and scales optional, "tf_half_pixel_for_nn" gone.
/// 18: antialias, axes and keep_aspect_ratio_policy. 19: "half_pixel_symmetric". Downwards, non-default new
/// attributes are refused, except `axes`, which is folded into full-rank constant scales or sizes when the rank is known.
/// </summary>
internal sealed class ResizeAdapter : IVersionRule
{
    public static ResizeAdapter Instance { get; } = new();

    private ResizeAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        if (node.Source < 11)
        {
            return PlanFromTen(node);
        }

        var n = node.Node;
        var actions = new List<Action>();
        string coordinates = n.GetString("coordinate_transformation_mode", "half_pixel");
        if (node.CrossesUp(13))
        {
            if (coordinates == "tf_half_pixel_for_nn")
            {
                return RulePlan.Refuse("coordinate_transformation_mode \"tf_half_pixel_for_nn\" was removed in opset 13");
            }

            // Empty roi and scales placeholders, required before 13, become omitted inputs.
            if (IsEmptyConstant(n.Input(1)))
            {
                actions.Add(() => node.SetInput(1, null));
            }

            if (IsEmptyConstant(n.Input(2)) && n.Input(3) is not null)
            {
                actions.Add(() => node.SetInput(2, null));
            }
        }

        if (node.CrossesDown(19) && coordinates == "half_pixel_symmetric")
        {
            return RulePlan.Refuse("coordinate_transformation_mode \"half_pixel_symmetric\" does not exist before opset 19");
        }

        if (node.CrossesDown(18))
        {
            var problem = PlanBelowEighteen(node, actions);
            if (problem is not null)
            {
                return RulePlan.Refuse(problem);
            }
        }

        if (node.CrossesDown(13))
        {
            if (n.Input(1) is null)
            {
                actions.Add(() => node.SetInput(1, EmptyFloats(node, "roi")));
            }

            if (n.Input(2) is null)
            {
                actions.Add(() => node.SetInput(2, EmptyFloats(node, "scales")));
            }
        }

        return actions.Count == 0 ? RulePlan.Nothing : RulePlan.Do(() => actions.ForEach(a => a()));
    }

    /// <summary>Resize-10 becomes Resize-11 with its fixed behaviour spelled out.</summary>
    private static RulePlan PlanFromTen(NodeConversion node)
    {
        var n = node.Node;
        var scales = n.Input(1);
        string? nearest = null;
        if (n.GetString("mode", "nearest") == "nearest")
        {
            var values = NodeConversion.Constant(scales)?.ToDoubleArray();
            if (values is null)
            {
                return RulePlan.Refuse($"Resize-10 rounds nearest pixels down when upsampling and up when downsampling, and its scales '{scales?.Name}' are not a constant, so the direction is unknown");
            }

            bool up = values.Any(v => v > 1), down = values.Any(v => v < 1);
            if (up && down)
            {
                return RulePlan.Refuse("it upsamples some axes and downsamples others, which Resize-10 rounds differently and later versions cannot");
            }

            nearest = down ? "ceil" : "floor";
        }

        return RulePlan.Do(() =>
        {
            var x = n.Input(0);
            var roi = node.Target < 13 ? EmptyFloats(node, "roi") : null;
            n.ReplaceInputs([x, roi, scales]);
            n.SetAttribute(NodeAttribute.String("coordinate_transformation_mode", "asymmetric"));
            if (nearest is not null)
            {
                n.SetAttribute(NodeAttribute.String("nearest_mode", nearest));
            }
        });
    }

    private static string? PlanBelowEighteen(NodeConversion node, List<Action> actions)
    {
        var n = node.Node;
        if (n.GetInt("antialias", 0) != 0)
        {
            return "antialias=1 filters when downscaling, which Resize cannot do before opset 18";
        }

        string policy = n.GetString("keep_aspect_ratio_policy", "stretch");
        if (policy != "stretch")
        {
            return $"keep_aspect_ratio_policy \"{policy}\" does not exist before opset 18";
        }

        if (n.GetInts("axes") is { } axes)
        {
            var problem = PlanAxes(node, axes, actions);
            if (problem is not null)
            {
                return problem;
            }
        }

        actions.Insert(0, () =>
        {
            n.RemoveAttribute("antialias");
            n.RemoveAttribute("keep_aspect_ratio_policy");
            n.RemoveAttribute("axes");
        });
        return null;
    }

    /// <summary>Before 18, scales and sizes cover every axis: expand them with 1 (scales) or the input's size (sizes).</summary>
    private static string? PlanAxes(NodeConversion node, IReadOnlyList<long> axes, List<Action> actions)
    {
        var n = node.Node;
        var x = n.Input(0)!;
        if (node.Rank(x) is not { } rank)
        {
            return $"it resizes only axes [{string.Join(",", axes)}] of an input of unknown rank; before opset 18 scales and sizes cover every axis";
        }

        var normalized = axes.Select(a => (int)(a < 0 ? a + rank : a)).ToArray();
        if (normalized.SequenceEqual(Enumerable.Range(0, rank)))
        {
            return null;
        }

        if (n.Input(1) is { } roi && !IsEmptyConstant(roi))
        {
            return $"it crops a region of interest on axes [{string.Join(",", axes)}]; before opset 18 roi covers every axis";
        }

        if (n.Input(2) is { } scales && !IsEmptyConstant(scales))
        {
            if (NodeConversion.Constant(scales)?.ToDoubleArray() is not { } given)
            {
                return $"its scales '{scales.Name}' for axes [{string.Join(",", axes)}] are not a constant, so they cannot be widened to every axis as opsets before 18 need";
            }

            var full = Enumerable.Repeat(1f, rank).ToArray();
            for (int i = 0; i < normalized.Length; i++)
            {
                full[normalized[i]] = (float)given[i];
            }

            actions.Add(() => node.SetInput(2, node.AddInitializer("scales", Tensor.Create(full, rank))));
        }

        if (n.Input(3) is { } sizes && !IsEmptyConstant(sizes))
        {
            var given = NodeConversion.ConstantInts(sizes);
            var dims = x.Shape;
            if (given is null || dims is null)
            {
                return $"its sizes for axes [{string.Join(",", axes)}] cannot be widened to every axis (they or the input's dims are not known)";
            }

            var full = new long[rank];
            for (int d = 0; d < rank; d++)
            {
                int at = Array.IndexOf(normalized, d);
                long? value = at >= 0 ? given[at] : dims[d].Value;
                if (value is not { } known)
                {
                    return $"its sizes for axes [{string.Join(",", axes)}] cannot be widened: input axis {d} has no fixed size";
                }

                full[d] = known;
            }

            actions.Add(() => node.SetInput(3, node.AddInt64s("sizes", full)));
        }

        return null;
    }

    private static bool IsEmptyConstant(Value? value) => NodeConversion.Constant(value) is { ElementCount: 0 };

    private static Value EmptyFloats(NodeConversion node, string hint) => node.AddInitializer(hint, Tensor.Create(Array.Empty<float>(), 0));
}
