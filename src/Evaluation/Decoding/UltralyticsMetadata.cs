using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Evaluation.Decoding;

/// <summary>
/// What evaluation needs from an Ultralytics export's <c>metadata_props</c> (parsed by <see cref="UltralyticsInfo"/>):
/// the task, the input size it was exported for, the largest stride, the class names as a list by index (an index
/// missing from the dict gets <c>classN</c> so indices stay aligned) and whether the head is end-to-end (NMS-free).
/// Exports from other tools have none of these: every field is then null or empty.
/// </summary>
public sealed record UltralyticsMetadata(string? Task, int? ImageHeight, int? ImageWidth, int? Stride, IReadOnlyList<string> Names, bool EndToEnd)
{
    public static UltralyticsMetadata Empty { get; } = new(null, null, null, null, [], false);

    /// <summary>True when the model carries Ultralytics' keys.</summary>
    public bool IsUltralytics => Task is not null || Names.Count > 0;

    public static UltralyticsMetadata Read(Model model)
    {
        bool endToEnd = model.GetMetadata("end2end") is { } e && e.Trim().Equals("True", StringComparison.OrdinalIgnoreCase);
        if (UltralyticsInfo.From(model) is not { } info)
        {
            return Empty with { EndToEnd = endToEnd };
        }

        var size = info.ImageSize ?? [];
        int? height = size.Count > 0 ? size[0] : null;
        int? width = size.Count > 1 ? size[1] : height;
        return new UltralyticsMetadata(info.Task, height, width, info.Stride, NamesByIndex(info.Names), endToEnd);
    }

    private static List<string> NamesByIndex(IReadOnlyDictionary<int, string>? names)
    {
        if (names is null || names.Count == 0 || names.Keys.Min() < 0)
        {
            return [];
        }

        return Enumerable.Range(0, names.Keys.Max() + 1).Select(k => names.TryGetValue(k, out var name) ? name : $"class{k}").ToList();
    }
}
