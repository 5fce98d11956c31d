using System.Globalization;
using System.Text;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Evaluation.Decoding;

/// <summary>
/// What an Ultralytics export says about itself in its ONNX <c>metadata_props</c>: the task (detect, segment, pose,
/// ...), the input size it was exported for, the largest stride and the class names. Exports from other tools have
/// none of these; every field is then null or empty and callers fall back to the tensor shapes.
/// </summary>
public sealed record UltralyticsMetadata(string? Task, int? ImageHeight, int? ImageWidth, int? Stride, IReadOnlyList<string> Names, bool EndToEnd)
{
    public static UltralyticsMetadata Empty { get; } = new(null, null, null, null, [], false);

    /// <summary>True when the model carries Ultralytics' keys.</summary>
    public bool IsUltralytics => Task is not null || Names.Count > 0;

    public static UltralyticsMetadata Read(Model model) => Read(model.MetadataProps);

    public static UltralyticsMetadata Read(IEnumerable<KeyValuePair<string, string>> properties)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in properties)
        {
            map[key] = value;
        }

        string? task = map.GetValueOrDefault("task");
        var size = map.TryGetValue("imgsz", out var imgsz) ? ParseIntegers(imgsz) : [];
        int? height = size.Count > 0 ? size[0] : null;
        int? width = size.Count > 1 ? size[1] : height;
        int? stride = map.TryGetValue("stride", out var s) && int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed) ? parsed : null;
        var names = map.TryGetValue("names", out var n) ? ParseNames(n) : [];
        bool endToEnd = map.TryGetValue("end2end", out var e) && e.Trim().Equals("True", StringComparison.OrdinalIgnoreCase);
        return new UltralyticsMetadata(task, height, width, stride, names, endToEnd);
    }

    /// <summary>Every integer in a Python literal such as <c>[640, 640]</c> or <c>640</c>.</summary>
    private static List<int> ParseIntegers(string text)
    {
        var values = new List<int>();
        foreach (var part in text.Split([',', '[', ']', '(', ')', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
            {
                values.Add(v);
            }
        }

        return values;
    }

    /// <summary>
    /// Parses the Python literal Ultralytics writes, <c>{0: 'person', 1: "teddy's bear"}</c> (or a plain list of
    /// quoted names), into names by index. Indices missing from a dict get a placeholder so indices stay aligned.
    /// </summary>
    public static IReadOnlyList<string> ParseNames(string text)
    {
        var byIndex = new SortedDictionary<int, string>();
        int? pendingIndex = null;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsAsciiDigit(c))
            {
                int start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                pendingIndex = int.Parse(text.AsSpan(start, i - start), CultureInfo.InvariantCulture);
                continue;
            }

            if (c is '\'' or '"')
            {
                (string name, i) = ReadQuoted(text, i);
                byIndex[pendingIndex ?? byIndex.Count] = name;
                pendingIndex = null;
                continue;
            }

            i++;
        }

        return ToList(byIndex);
    }

    private static (string Value, int Next) ReadQuoted(string text, int start)
    {
        char quote = text[start];
        var value = new StringBuilder();
        int i = start + 1;
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
            }

            value.Append(text[i]);
            i++;
        }

        return (value.ToString(), i + 1);
    }

    private static List<string> ToList(SortedDictionary<int, string> byIndex)
    {
        if (byIndex.Count == 0)
        {
            return [];
        }

        int count = byIndex.Keys.Max() + 1;
        return Enumerable.Range(0, count).Select(k => byIndex.TryGetValue(k, out var name) ? name : $"class{k}").ToList();
    }
}
