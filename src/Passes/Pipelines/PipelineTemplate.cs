using System.Globalization;

namespace OnnxOpt.Passes.Pipelines;

/// <summary>
/// Pipeline text with a <c>$x</c> placeholder, e.g. <c>prune-conv-l1{amount=$x scope=layer}</c>, instantiated once
/// per swept value. Values are written in invariant culture with the shortest round-trip form (0.05, not
/// 0.050000000000000003), so the pass sees exactly the number the user typed.
/// </summary>
public sealed record PipelineTemplate
{
    public const string Placeholder = "$x";

    public PipelineTemplate(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new PipelineException("pipeline template is empty");
        }

        if (!text.Contains(Placeholder, StringComparison.Ordinal))
        {
            throw new PipelineException($"pipeline template '{text}' has no {Placeholder} to replace with each value", 0, text);
        }

        Text = text;
    }

    public string Text { get; }

    /// <summary>The pipeline text for one value: every <c>$x</c> replaced by it.</summary>
    public string Instantiate(double value) => Text.Replace(Placeholder, Format(value), StringComparison.Ordinal);

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Parses "0,0.05,0.1": comma-separated invariant-culture numbers, at least one, no duplicates.</summary>
    public static IReadOnlyList<double> ParseValues(string text)
    {
        var values = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw new PipelineException($"values: '{part}' is not a number (expected e.g. 0,0.05,0.1)");
            }

            if (values.Contains(value))
            {
                throw new PipelineException($"values: {Format(value)} is given twice");
            }

            values.Add(value);
        }

        return values;
    }

    public override string ToString() => Text;
}
