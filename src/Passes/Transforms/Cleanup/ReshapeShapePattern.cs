using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Rewriting;

namespace OnnxOpt.Passes.Transforms.Cleanup;

/// <summary>
/// Replaces a Reshape's Concat-built shape input by a constant: 0 for each dim that copies the data's dim at the same
/// position, the constants as they are, and -1 for at most one other dim (see <see cref="FuseReshapeShape"/>).
/// </summary>
internal sealed class ReshapeShapePattern(Func<Value, Shape?> shapeOf) : RewritePattern
{
    public override string Name => "reshape-shapes-fused";

    public override string RootOpType => "Reshape";

    public override MatchResult Match(Node root, PassContext context)
    {
        if (root.Input(0) is not { } data || root.Input(1) is not { } shape)
        {
            return MatchResult.Fail("no data or shape input");
        }

        if (root.GetInt("allowzero", 0) != 0)
        {
            return MatchResult.Fail("allowzero=1 makes 0 a zero-sized dim, not a copy");
        }

        if (ConstantValues.TryGet(shape) is not null)
        {
            return MatchResult.Fail("the shape is already a constant");
        }

        if (shape.Producer is not { } concat || !concat.Is("Concat"))
        {
            return MatchResult.Fail($"the shape '{shape.Name}' is not built by a Concat");
        }

        if (ShapeTrace.Trace(shape, v => shapeOf(v)?.Rank, out string reason) is not { } entries)
        {
            return MatchResult.Fail(reason);
        }

        var target = new long[entries.Length];
        int unknown = -1;
        for (int position = 0; position < entries.Length; position++)
        {
            var entry = entries[position];
            if (!entry.IsCopy)
            {
                if (entry.Value < -1)
                {
                    return MatchResult.Fail($"constant dim {entry.Value} is invalid");
                }

                target[position] = entry.Value;
            }
            else if (entry.Value == position && SameDim(entry.Source!, data, position))
            {
                target[position] = 0;
            }
            else if (unknown >= 0)
            {
                return MatchResult.Fail($"dims at positions {unknown} and {position} are neither copies of '{data.Name}' nor constants");
            }
            else
            {
                unknown = position;
            }
        }

        if (unknown >= 0)
        {
            if (target.Contains(-1))
            {
                return MatchResult.Fail($"the dim at position {unknown} cannot become -1: the shape already holds one");
            }

            if (target.Contains(0) && entries.Any(e => !e.IsCopy && e.Value == 0))
            {
                return MatchResult.Fail($"the dim at position {unknown} cannot become -1 next to a constant 0");
            }

            target[unknown] = -1;
        }

        if (target.Count(d => d == -1) > 1)
        {
            return MatchResult.Fail("the shape would hold more than one -1");
        }

        return MatchResult.Rewrite($"constant shape [{string.Join(",", target)}] for Reshape '{root.Name}'", () =>
        {
            var graph = root.Graph!;
            var constant = graph.AddInitializer(graph.UniqueName(shape.Name + "_fused"), Tensor.Create(target, target.Length));
            root.SetInput(1, constant);
        });
    }

    /// <summary>Whether dim <paramref name="position"/> of <paramref name="source"/> provably equals that of <paramref name="data"/>: the same value, or the same known size or symbol in declared or inferred shapes.</summary>
    private bool SameDim(Value source, Value data, int position)
    {
        if (ReferenceEquals(source, data))
        {
            return true;
        }

        if (shapeOf(source) is not { } a || shapeOf(data) is not { } b || position >= a.Rank || position >= b.Rank)
        {
            return false;
        }

        Dim x = a[position], y = b[position];
        return x.Value is { } size ? y.Value == size : x.Param is { } symbol && y.Param == symbol;
    }
}
