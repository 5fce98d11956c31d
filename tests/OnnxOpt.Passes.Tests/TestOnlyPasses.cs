using OnnxOpt.Passes.Pipelines;

using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Tests;

/// <summary>A deliberately wrong pass: it reverses the node order, so users come before producers.</summary>
internal sealed class BreakGraphPass : Pass<NoOptions>
{
    public override string Name => "break-graph";

    public override PassResult Run(Model model, PassContext context)
    {
        model.Graph.ReorderNodes([.. model.Graph.Nodes.Reverse()]);
        return PassResult.Modified;
    }
}

/// <summary>A pass that never settles: it flips the graph's doc string on every run and counts the flips.</summary>
internal sealed class FlipDocStringPass : Pass<NoOptions>
{
    public override string Name => "flip-doc-string";

    public override PassResult Run(Model model, PassContext context)
    {
        model.Graph.DocString = model.Graph.DocString is null ? "flipped" : null;
        context.Statistics.Add("flips");
        return PassResult.Modified;
    }
}

/// <summary>How <see cref="ProbePass"/> runs; exists to exercise enum option spelling.</summary>
internal enum ProbeMode
{
    Fast,
    VerySlow,
    [OptionName("2:4")]
    TwoFour,
}

/// <summary>One option of every supported kind, to exercise option parsing and printing.</summary>
internal sealed record ProbeOptions : PassOptions
{
    [PassOption("enabled", "a flag")]
    public bool Enabled { get; init; } = true;

    [PassOption("count", "an integer")]
    public int Count { get; init; } = 3;

    [PassOption("amount", "a number")]
    public double Amount { get; init; } = 0.05;

    [PassOption("mode", "an enum")]
    public ProbeMode Mode { get; init; }

    [PassOption("label", "a string")]
    public string Label { get; init; } = string.Empty;

    [PassOption("names", "a list")]
    public IReadOnlyList<string> Names { get; init; } = [];

    public override string? Validate() => Count > 900 && Mode == ProbeMode.Fast ? "count above 900 needs mode=very-slow or 2:4" : null;
}

/// <summary>A pass that does nothing, with <see cref="ProbeOptions"/>.</summary>
internal sealed class ProbePass(ProbeOptions? options = null) : Pass<ProbeOptions>(options)
{
    public override string Name => "probe";

    public override PassResult Run(Model model, PassContext context) => PassResult.Unchanged;
}
