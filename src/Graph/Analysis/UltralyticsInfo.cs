using System.Globalization;
using System.Text;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.Analysis;

/// <summary>
/// The metadata Ultralytics writes into its ONNX exports (task, imgsz, stride, class names), parsed. Values are
/// Python reprs (<c>[640, 640]</c>, <c>{0: 'person', 1: 'bicycle'}</c>); unparseable ones are left null.
/// </summary>
public sealed record UltralyticsInfo(string? Task, IReadOnlyList<int>? ImageSize, int? Stride, IReadOnlyDictionary<int, string>? Names)
{
    /// <summary>Reads the model's metadata; null when it has none of the Ultralytics keys.</summary>
    public static UltralyticsInfo? From(Model model)
    {
        string? task = model.GetMetadata("task"), imgsz = model.GetMetadata("imgsz"), stride = model.GetMetadata("stride"), names = model.GetMetadata("names");
        if (task is null && imgsz is null && stride is null && names is null)
        {
            return null;
        }

        return new UltralyticsInfo(
            task,
            imgsz is null ? null : ParseInts(imgsz),
            int.TryParse(stride, NumberStyles.Integer, CultureInfo.InvariantCulture, out int s) ? s : null,
            names is null ? null : ParseNames(names));
    }

    /// <summary>"[640, 640]" or "640" as a list of ints; null when it is neither.</summary>
    public static IReadOnlyList<int>? ParseInts(string text)
    {
        var parts = text.Trim().TrimStart('[', '(').TrimEnd(']', ')').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
            {
                return null;
            }

            values.Add(v);
        }

        return values.Count > 0 ? values : null;
    }

    /// <summary>A Python dict repr of int keys and quoted strings; null when the text is not one.</summary>
    public static IReadOnlyDictionary<int, string>? ParseNames(string text)
    {
        var names = new Dictionary<int, string>();
        int i = 0;
        void SkipSpace()
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
        }

        SkipSpace();
        if (i >= text.Length || text[i++] != '{')
        {
            return null;
        }

        while (true)
        {
            SkipSpace();
            if (i < text.Length && text[i] == '}')
            {
                return names;
            }

            int start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '-'))
            {
                i++;
            }

            if (!int.TryParse(text.AsSpan(start, i - start), NumberStyles.Integer, CultureInfo.InvariantCulture, out int key))
            {
                return null;
            }

            SkipSpace();
            if (i >= text.Length || text[i++] != ':')
            {
                return null;
            }

            SkipSpace();
            string? value = ReadQuoted(text, ref i);
            if (value is null || !names.TryAdd(key, value))
            {
                return null;
            }

            SkipSpace();
            if (i < text.Length && text[i] == ',')
            {
                i++;
            }
            else if (i >= text.Length || text[i] != '}')
            {
                return null;
            }
        }
    }

    private static string? ReadQuoted(string text, ref int i)
    {
        if (i >= text.Length || (text[i] != '\'' && text[i] != '"'))
        {
            return null;
        }

        char quote = text[i++];
        var value = new StringBuilder();
        while (i < text.Length)
        {
            char c = text[i++];
            if (c == quote)
            {
                return value.ToString();
            }

            if (c == '\\' && i < text.Length)
            {
                c = text[i++];
            }

            value.Append(c);
        }

        return null;
    }
}
