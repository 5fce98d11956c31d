using System.Globalization;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Engine;

/// <summary>
/// An optimization profile for dynamic inputs, written as trtexec and ONNX Runtime's TensorRT provider take it:
/// <c>images:1x3x320x320,other:1x8</c> for each of min, opt and max.
/// </summary>
public sealed class ShapeProfile
{
    public ShapeProfile(IEnumerable<InputShapeRange> inputs)
    {
        Inputs = inputs.ToList();
        foreach (var range in Inputs)
        {
            if (range.Min.Count != range.Opt.Count || range.Opt.Count != range.Max.Count)
            {
                throw new ArgumentException($"shapes of input '{range.Input}' differ in rank between min, opt and max");
            }

            for (int axis = 0; axis < range.Min.Count; axis++)
            {
                if (range.Min[axis] < 0 || range.Min[axis] > range.Opt[axis] || range.Opt[axis] > range.Max[axis])
                {
                    throw new ArgumentException($"input '{range.Input}' axis {axis}: need 0 <= min <= opt <= max, got {range.Min[axis]}, {range.Opt[axis]}, {range.Max[axis]}");
                }
            }
        }
    }

    public IReadOnlyList<InputShapeRange> Inputs { get; }

    public InputShapeRange? Find(string input) => Inputs.FirstOrDefault(i => i.Input == input);

    /// <summary>Parses three shape lists; every input must appear in all three.</summary>
    public static ShapeProfile Parse(string min, string opt, string max)
    {
        var mins = ParseList(min);
        var opts = ParseList(opt);
        var maxs = ParseList(max);
        if (!mins.Keys.Order().SequenceEqual(opts.Keys.Order()) || !mins.Keys.Order().SequenceEqual(maxs.Keys.Order()))
        {
            throw new ArgumentException("min, opt and max shapes must name the same inputs");
        }

        return new ShapeProfile(mins.Select(p => new InputShapeRange(p.Key, p.Value, opts[p.Key], maxs[p.Key])));
    }

    /// <summary>One fixed shape per input: min, opt and max all equal.</summary>
    public static ShapeProfile Fixed(string shapes) => new(ParseList(shapes).Select(p => new InputShapeRange(p.Key, p.Value, p.Value, p.Value)));

    public string Format(Func<InputShapeRange, IReadOnlyList<long>> pick) =>
        string.Join(",", Inputs.Select(i => $"{i.Input}:{InputShapeRange.Dims(pick(i))}"));

    public string MinText => Format(i => i.Min);

    public string OptText => Format(i => i.Opt);

    public string MaxText => Format(i => i.Max);

    /// <summary>Problems with this profile for <paramref name="model"/>: unknown inputs, wrong rank, or a fixed dim given another size.</summary>
    public IReadOnlyList<string> Validate(Model model)
    {
        var problems = new List<string>();
        foreach (var range in Inputs)
        {
            var input = model.Graph.Inputs.FirstOrDefault(v => v.Name == range.Input && !v.IsInitializer);
            if (input is null)
            {
                problems.Add($"the model has no input '{range.Input}'");
                continue;
            }

            if (input.Shape is null)
            {
                continue;
            }

            if (input.Shape.Rank != range.Min.Count)
            {
                problems.Add($"input '{range.Input}' has rank {input.Shape.Rank}, but its shapes have rank {range.Min.Count}");
                continue;
            }

            for (int axis = 0; axis < input.Shape.Rank; axis++)
            {
                if (input.Shape[axis].Value is long fixedSize && (range.Min[axis] != fixedSize || range.Max[axis] != fixedSize))
                {
                    problems.Add($"input '{range.Input}' axis {axis} is fixed at {fixedSize}, but the profile ranges {range.Min[axis]}..{range.Max[axis]}");
                }
            }
        }

        return problems;
    }

    private static Dictionary<string, long[]> ParseList(string text)
    {
        var result = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int colon = part.LastIndexOf(':');
            if (colon <= 0 || colon == part.Length - 1)
            {
                throw new ArgumentException($"shape '{part}' is not NAME:D1xD2x...");
            }

            string name = part[..colon];
            var dims = part[(colon + 1)..].Split('x').Select(d => long.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out long v)
                ? v
                : throw new ArgumentException($"shape '{part}': '{d}' is not a size")).ToArray();
            if (!result.TryAdd(name, dims))
            {
                throw new ArgumentException($"input '{name}' is given twice");
            }
        }

        if (result.Count == 0)
        {
            throw new ArgumentException("no shapes given");
        }

        return result;
    }
}
