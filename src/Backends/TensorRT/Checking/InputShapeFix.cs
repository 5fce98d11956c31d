using System.Globalization;
using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>
/// The <c>fix-input-shape{...}</c> step the check suggests for a model with dynamic graph inputs. Sizes come from
/// what the model says about itself: the Ultralytics <c>imgsz</c> metadata for the trailing spatial dims and its
/// <c>batch</c> (else 1) for a symbolic leading dim. When some dim stays unknown there is no runnable
/// <see cref="Pipeline"/>, and <see cref="Template"/> shows the step with the dims the user must fill in.
/// </summary>
public sealed class InputShapeFix
{
    private InputShapeFix(IReadOnlyList<Value> inputs, string? pipeline, string template)
    {
        DynamicInputs = inputs;
        Pipeline = pipeline;
        Template = template;
    }

    /// <summary>Graph inputs whose declared shape is not static.</summary>
    public IReadOnlyList<Value> DynamicInputs { get; }

    public bool HasDynamicInputs => DynamicInputs.Count > 0;

    /// <summary>The step with every dim known, e.g. <c>fix-input-shape{images=1x3x640x640}</c>; null when some size is unknown.</summary>
    public string? Pipeline { get; }

    /// <summary>The step with unknown dims shown as <c>&lt;height&gt;</c>, for the hint.</summary>
    public string Template { get; }

    public static InputShapeFix For(Model model)
    {
        var inputs = model.Graph.Inputs.Where(v => !v.IsInitializer && v.Shape is not { IsStatic: true }).ToList();
        var info = UltralyticsInfo.From(model);
        int? batch = int.TryParse(model.GetMetadata("batch"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int b) && b > 0 ? b : null;
        var entries = inputs.Select(v => (v.Name, Dims: Dims(v.Shape, info?.ImageSize, batch))).ToList();
        bool complete = entries.All(e => e.Dims is not null && e.Dims.All(d => d.IsKnown) && IsOptionKey(e.Name));
        string template = Format(entries.Select(e => (e.Name, Text: e.Dims is null ? "<dims>" : string.Join("x", e.Dims.Select(Text)))));
        return new InputShapeFix(inputs, complete && inputs.Count > 0 ? template : null, template);
    }

    /// <summary>The <c>fix-input-shape{...}</c> step that gives each input of <paramref name="shapes"/> its optimal shape.</summary>
    public static string PipelineFor(ShapeProfile shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        return Format(shapes.Inputs.Select(i => (i.Input, InputShapeRange.Dims(i.Opt))));
    }

    /// <summary>The dims to fix: known dims kept, spatial dims from imgsz, a leading symbol from the batch (or 1).</summary>
    private static List<Dim>? Dims(Shape? shape, IReadOnlyList<int>? imageSize, int? batch)
    {
        if (shape is null)
        {
            return null;
        }

        var dims = shape.ToList();
        if (imageSize is { Count: 1 or 2 } size && dims.Count >= 3)
        {
            var (height, width) = size.Count == 2 ? (size[0], size[1]) : (size[0], size[0]);
            Fill(dims, dims.Count - 2, height);
            Fill(dims, dims.Count - 1, width);
            Fill(dims, 0, batch ?? 1);
        }

        return dims;
    }

    /// <summary>Whether pipeline text can name the input as an option key (no blanks, '=', '{' or '}').</summary>
    private static bool IsOptionKey(string name) => name.Length > 0 && !name.Any(c => char.IsWhiteSpace(c) || c is '=' or '{' or '}');

    private static void Fill(List<Dim> dims, int axis, long size)
    {
        if (!dims[axis].IsKnown && size > 0)
        {
            dims[axis] = Dim.Of(size);
        }
    }

    private static string Text(Dim dim) => dim.IsKnown ? dim.Value!.Value.ToString(CultureInfo.InvariantCulture) : $"<{dim.Param ?? "?"}>";

    private static string Format(IEnumerable<(string Name, string Text)> entries) =>
        $"fix-input-shape{{{string.Join(" ", entries.Select(e => $"{e.Name}={e.Text}"))}}}";
}
