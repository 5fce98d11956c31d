using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Passes.Infrastructure;

/// <summary>
/// A model-to-model rewrite with one pipeline name. A pass mutates the model through the IR's API only, reports
/// whether it changed anything, counts what it did in <see cref="PassContext.Statistics"/>, and asks
/// <see cref="PassContext.TryRewrite"/> before each individual rewrite so `--max-rewrites` can bisect a miscompile.
/// </summary>
public abstract class Pass
{
    /// <summary>The name used in pipeline text (`fuse-conv-bn`).</summary>
    public abstract string Name { get; }

    /// <summary>The typed options this instance runs with.</summary>
    public abstract PassOptions Options { get; }

    /// <summary>
    /// The statistics this pass may report, with what each means. Counting an undeclared name still works (passes
    /// written against the plain counter API keep running), but the registry test fails for it, so every counter a
    /// registered pass reports is documented in `onnxopt passes`.
    /// </summary>
    public virtual IReadOnlyList<StatisticInfo> DeclaredStatistics => [];

    public abstract PassResult Run(Model model, PassContext context);

    /// <summary>The canonical pipeline text of this pass: its name with every option spelled out.</summary>
    public string ToPipelineText() => OptionBinder.Format(Name, Options);

    public override string ToString() => ToPipelineText();
}
