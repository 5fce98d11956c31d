namespace OnnxOpt.Evaluation.Datasets;

/// <summary>
/// The subset of YAML that Ultralytics data files use: top-level <c>key: value</c> pairs, and under a key either an
/// indented block (<c>0: person</c> pairs or <c>- item</c> lists) or a flow list/map (<c>[a, b]</c>, <c>{0: a}</c>).
/// Comments and quotes are handled; anchors, multi-line strings and deeper nesting are not needed there.
/// </summary>
public sealed class DataYaml
{
    private readonly Dictionary<string, string> _scalars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string? Key, string Value)>> _blocks = new(StringComparer.Ordinal);

    private DataYaml()
    {
    }

    public static DataYaml Load(string path) => Parse(File.ReadAllLines(path));

    public static DataYaml Parse(IEnumerable<string> lines)
    {
        var yaml = new DataYaml();
        string? currentKey = null;
        foreach (var raw in lines)
        {
            string line = StripComment(raw).TrimEnd();
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }

            bool indented = char.IsWhiteSpace(line[0]) || line.StartsWith('-');
            string text = line.Trim();
            if (indented && currentKey is not null)
            {
                yaml.Block(currentKey).Add(text.StartsWith('-') ? (null, Unquote(text[1..].Trim())) : SplitPair(text));
                continue;
            }

            var (key, value) = SplitPair(text);
            if (key is null)
            {
                continue;
            }

            currentKey = key;
            if (value.StartsWith('[') || value.StartsWith('{'))
            {
                yaml.Block(key).AddRange(FlowItems(value));
            }
            else if (value.Length > 0)
            {
                yaml._scalars[key] = value;
            }
        }

        return yaml;
    }

    /// <summary>A top-level scalar, unquoted, or null.</summary>
    public string? Scalar(string key) => _scalars.GetValueOrDefault(key);

    /// <summary>The values of a list or map under <paramref name="key"/>, with map keys where present (empty when absent).</summary>
    public IReadOnlyList<(string? Key, string Value)> Items(string key) =>
        _blocks.TryGetValue(key, out var items) ? items : (_scalars.TryGetValue(key, out var scalar) ? [(null, scalar)] : []);

    /// <summary>Class names from <c>names:</c>, as a list or a map from index to name.</summary>
    public IReadOnlyList<string> Names()
    {
        var items = Items("names");
        if (items.Count == 0 || items.All(i => i.Key is null))
        {
            return items.Select(i => i.Value).ToList();
        }

        var byIndex = items.Where(i => int.TryParse(i.Key, out _)).ToDictionary(i => int.Parse(i.Key!, System.Globalization.CultureInfo.InvariantCulture), i => i.Value);
        int count = byIndex.Count == 0 ? 0 : byIndex.Keys.Max() + 1;
        return Enumerable.Range(0, count).Select(k => byIndex.TryGetValue(k, out var n) ? n : $"class{k}").ToList();
    }

    private List<(string? Key, string Value)> Block(string key)
    {
        if (!_blocks.TryGetValue(key, out var list))
        {
            _blocks[key] = list = [];
        }

        return list;
    }

    private static (string? Key, string Value) SplitPair(string text)
    {
        int colon = IndexOutsideQuotes(text, ':');
        return colon < 0 ? (null, Unquote(text)) : (Unquote(text[..colon].Trim()), Unquote(text[(colon + 1)..].Trim()));
    }

    private static IEnumerable<(string? Key, string Value)> FlowItems(string value)
    {
        string inner = value.Trim().TrimStart('[', '{').TrimEnd(']', '}');
        foreach (var part in SplitOutsideQuotes(inner, ','))
        {
            string item = part.Trim();
            if (item.Length == 0)
            {
                continue;
            }

            yield return value.StartsWith('{') ? SplitPair(item) : (null, Unquote(item));
        }
    }

    private static List<string> SplitOutsideQuotes(string text, char separator)
    {
        var parts = new List<string>();
        int start = 0;
        foreach (int i in PositionsOutsideQuotes(text, separator))
        {
            parts.Add(text[start..i]);
            start = i + 1;
        }

        parts.Add(text[start..]);
        return parts;
    }

    // A key separator is a ':' outside quotes followed by a space or the end of the line (YAML's rule).
    private static int IndexOutsideQuotes(string text, char target)
    {
        foreach (int i in PositionsOutsideQuotes(text, target))
        {
            if (i + 1 == text.Length || text[i + 1] == ' ')
            {
                return i;
            }
        }

        return -1;
    }

    // Positions of target that are not inside a single- or double-quoted span.
    private static IEnumerable<int> PositionsOutsideQuotes(string text, char target)
    {
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == target)
            {
                yield return i;
            }
        }
    }

    private static string StripComment(string line)
    {
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i];
            }
        }

        return line;
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && (text[0] == '\'' || text[0] == '"') && text[^1] == text[0] ? text[1..^1] : text;
}
