using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.Analysis;

/// <summary>A graph input or output: name, element type and shape (null when not even the rank is declared).</summary>
public sealed record ValueSummary(string Name, DataType ElementType, Shape? Shape)
{
    /// <summary>The dims as text: numbers for known sizes, the symbol for named ones, "?" for unknown ones.</summary>
    public IReadOnlyList<string>? DimTexts => Shape?.Select(d => d.ToString()).ToArray();
}
