using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Instrumentation;
using OnnxOpt.Passes.Transforms.Folding;

namespace OnnxOpt.Passes.Driver;

/// <summary>How <see cref="ModelOptimizer"/> runs a pipeline over one model file: instrumentation and output format.</summary>
public sealed record OptimizeOptions
{
    public bool VerifyEach { get; init; } = true;

    /// <summary>Stop after this many rewrites (bisecting a miscompile); null for no limit.</summary>
    public long? MaxRewrites { get; init; }

    /// <summary>Pass names after which to print the IR; "all" for every pass.</summary>
    public IReadOnlySet<string> PrintIrAfter { get; init; } = new HashSet<string>();

    public bool PrintIrAfterChange { get; init; }

    /// <summary>Where IR printing goes (stderr in the CLI).</summary>
    public TextWriter? IrOutput { get; init; }

    public string? DumpDirectory { get; init; }

    public Graph.Serialization.WriteOptions Write { get; init; } = Graph.Serialization.WriteOptions.Default;

    /// <summary>
    /// Evaluates constant subgraphs that fold-constants' built-in kernels cannot (the CLI passes ONNX Runtime's);
    /// null: built-in kernels only. Batch jobs share it, so it must be safe to call from several threads.
    /// </summary>
    public IConstantEvaluator? ConstantEvaluator { get; init; }

    public IReadOnlyList<IPassInstrumentation> ExtraInstrumentations { get; init; } = [];

    /// <summary>Records pattern attempts (`--trace-patterns`); null: no tracing.</summary>
    public Rewriting.MatchTrace? PatternTrace { get; init; }

    public CancellationToken Cancellation { get; init; }
}
