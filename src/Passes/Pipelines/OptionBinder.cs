using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Pipelines;

/// <summary>
/// Binds `key=value` text to an options record and prints records back. Supported option types: bool, int,
/// long, float, double, string, enums (written in kebab case, or as named by <see cref="OptionNameAttribute"/>),
/// string lists (comma separated) and one catch-all string dictionary (option name `*`) for passes whose keys
/// are data, such as input names.
/// </summary>
public static class OptionBinder
{
    /// <summary>What binding reads of an options type by reflection; trimming and native AOT keep exactly this.</summary>
    public const DynamicallyAccessedMemberTypes OptionsMembers = DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicProperties;

    public static IReadOnlyList<OptionDescriptor> Describe([DynamicallyAccessedMembers(OptionsMembers)] Type optionsType)
    {
        var defaults = (PassOptions)Activator.CreateInstance(optionsType)!;
        return optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<PassOptionAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => new OptionDescriptor(p.Attribute!.Name, p.Attribute.Help, TypeName(p.Property.PropertyType), FormatValue(p.Property.GetValue(defaults)), p.Property))
            .ToList();
    }

    /// <summary>Creates an options record from parsed options; throws <see cref="PipelineException"/> naming the bad option.</summary>
    public static PassOptions Bind(string passName, [DynamicallyAccessedMembers(OptionsMembers)] Type optionsType, IReadOnlyList<OptionSyntax> options, string? text = null)
    {
        var descriptors = Describe(optionsType);
        var result = (PassOptions)Activator.CreateInstance(optionsType)!;
        var catchAll = descriptors.FirstOrDefault(d => d.Name == "*");
        var extra = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>();
        foreach (var option in options)
        {
            if (!seen.Add(option.Key))
            {
                throw new PipelineException($"{passName}: option '{option.Key}' is given twice", option.Position, text);
            }

            var descriptor = descriptors.FirstOrDefault(d => d.Name == option.Key);
            if (descriptor is null)
            {
                if (catchAll is not null)
                {
                    extra[option.Key] = option.Value;
                    continue;
                }

                string known = descriptors.Count == 0 ? "it takes no options" : "known options: " + string.Join(", ", descriptors.Select(d => d.Name));
                string hint = Suggest.Nearest(option.Key, descriptors.Select(d => d.Name)) is { } near ? $" (did you mean {near}?)" : string.Empty;
                throw new PipelineException($"{passName}: unknown option '{option.Key}'{hint}; {known}", option.Position, text);
            }

            object value;
            try
            {
                value = ParseValue(descriptor.Property.PropertyType, option.Value);
            }
            catch (FormatException e)
            {
                throw new PipelineException($"{passName}: bad value '{option.Value}' for option '{option.Key}': {e.Message}", option.Position, text);
            }

            descriptor.Property.SetValue(result, value);
        }

        if (catchAll is not null && extra.Count > 0)
        {
            catchAll.Property.SetValue(result, (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(extra));
        }

        if (result.Validate() is { } problem)
        {
            throw new PipelineException($"{passName}: {problem}", options.Count > 0 ? options[0].Position : null, text);
        }

        return result;
    }

    /// <summary>`name{k=v k=v}` with every option spelled out in declaration order (no braces when there are none).</summary>
    public static string Format(string name, PassOptions options)
    {
        var parts = new List<string>();
        foreach (var descriptor in Describe(options.GetType()))
        {
            object? value = descriptor.Property.GetValue(options);
            if (descriptor.Name == "*")
            {
                if (value is IReadOnlyDictionary<string, string> map)
                {
                    parts.AddRange(map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Quote(p.Value)}"));
                }

                continue;
            }

            parts.Add($"{descriptor.Name}={Quote(FormatValue(value))}");
        }

        return parts.Count == 0 ? name : $"{name}{{{string.Join(" ", parts)}}}";
    }

    public static string FormatValue(object? value) => value switch
    {
        null => string.Empty,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable n when value.GetType().IsPrimitive => n.ToString(null, CultureInfo.InvariantCulture),
        Enum e => EnumName(e),
        string s => s,
        IReadOnlyDictionary<string, string> map => string.Join(",", map.Select(p => $"{p.Key}:{p.Value}")),
        IEnumerable<string> list => string.Join(",", list),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Quote(string value)
    {
        if (value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || c is '{' or '}' or '"' or '\\'))
        {
            return value;
        }

        var quoted = new StringBuilder("\"");
        foreach (char c in value)
        {
            if (c is '"' or '\\')
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        return quoted.Append('"').ToString();
    }

    private static object ParseValue(Type type, string text)
    {
        var inv = CultureInfo.InvariantCulture;
        if (type == typeof(string))
        {
            return text;
        }

        if (type == typeof(bool))
        {
            return text switch
            {
                "true" or "1" => true,
                "false" or "0" => false,
                _ => throw new FormatException("expected true or false"),
            };
        }

        if (type == typeof(int))
        {
            return int.TryParse(text, NumberStyles.Integer, inv, out int i) ? i : throw new FormatException("expected an integer");
        }

        if (type == typeof(long))
        {
            return long.TryParse(text, NumberStyles.Integer, inv, out long l) ? l : throw new FormatException("expected an integer");
        }

        if (type == typeof(double))
        {
            return double.TryParse(text, NumberStyles.Float, inv, out double d) && double.IsFinite(d) ? d : throw new FormatException("expected a number");
        }

        if (type == typeof(float))
        {
            return float.TryParse(text, NumberStyles.Float, inv, out float f) && float.IsFinite(f) ? f : throw new FormatException("expected a number");
        }

        if (type.IsEnum)
        {
            foreach (var value in EnumValues(type))
            {
                if (EnumName(value) == text)
                {
                    return value;
                }
            }

            throw new FormatException("expected one of " + string.Join(", ", EnumValues(type).Select(EnumName)));
        }

        if (type == typeof(IReadOnlyList<string>))
        {
            return (IReadOnlyList<string>)text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        throw new FormatException($"options of type {type.Name} are not supported");
    }

    public static string EnumName(Enum value)
    {
        var member = value.GetType().GetField(value.ToString());
        if (member?.GetCustomAttribute<OptionNameAttribute>() is { } named)
        {
            return named.Name;
        }

        var text = new StringBuilder();
        foreach (char c in value.ToString())
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    // Enum.GetValues(Type) may need code generated at run time under native AOT; the underlying values do not.
    private static IEnumerable<Enum> EnumValues(Type enumType) =>
        Enum.GetValuesAsUnderlyingType(enumType).Cast<object>().Select(v => (Enum)Enum.ToObject(enumType, v));

    private static string TypeName(Type type) => type switch
    {
        _ when type == typeof(bool) => "bool",
        _ when type == typeof(int) || type == typeof(long) => "int",
        _ when type == typeof(double) || type == typeof(float) => "number",
        _ when type == typeof(string) => "string",
        _ when type.IsEnum => string.Join("|", EnumValues(type).Select(EnumName)),
        _ when type == typeof(IReadOnlyList<string>) => "list",
        _ => "map",
    };
}
