using System.Diagnostics;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Instrumentation;
using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Driver;

/// <summary>
/// Load → run pipeline → save, for one model file: what `onnxopt optimize` and each `batch` job do. The input is
/// never overwritten; the output is written through a temporary file and a rename.
/// </summary>
public sealed class ModelOptimizer(Pipeline pipeline, OptimizeOptions options)
{
    public OptimizeResult Optimize(string input, string output) => Committed(OptimizePending(input, output));

    /// <summary>
    /// Like <see cref="Optimize(string, string)"/>, but leaves the output under its temporary name: the caller
    /// commits or disposes it (the batch runner renames on its own thread, see <see cref="PendingWrite"/>).
    /// </summary>
    public (OptimizeResult Result, PendingWrite Output) OptimizePending(string input, string output)
    {
        var clock = Stopwatch.StartNew();
        if (PathIdentity.Same(input, output))
        {
            throw new IOException($"refusing to overwrite the input '{input}'; choose another output path");
        }

        var model = ModelReader.Load(input);
        return Optimize(model, input, new FileInfo(input).Length, output, clock);
    }

    /// <summary>
    /// Optimizes a model already in memory (read by the caller, or generated) and writes it; <paramref name="name"/>
    /// labels it in the result and <paramref name="bytesBefore"/> is its file size, null when it has no file. The
    /// caller has made sure <paramref name="output"/> is not the model's own file.
    /// </summary>
    public OptimizeResult Optimize(Model model, string name, long? bytesBefore, string output) =>
        Committed(Optimize(model, name, bytesBefore, output, Stopwatch.StartNew()));

    private static OptimizeResult Committed((OptimizeResult Result, PendingWrite Output) written)
    {
        using (written.Output)
        {
            written.Output.Commit();
        }

        return written.Result;
    }

    private (OptimizeResult, PendingWrite) Optimize(Model model, string name, long? bytesBefore, string output, Stopwatch clock)
    {
        int nodesBefore = model.Graph.Nodes.Count;
        InputCheck.ThrowIfInvalid(model, name);
        var verifier = options.VerifyEach ? new VerifyEachInstrumentation() : null;
        verifier?.MarkVerified(model);
        var report = Run(model, verifier);

        // Whatever instrumentation was chosen, a broken model is never written: the verifier runs over the final
        // model unless verify-each already verified this very state (no edit since its last full verification).
        if (verifier?.IsVerified(model) != true)
        {
            GraphVerifier.ThrowIfInvalid(model);
        }

        var pending = ModelWriter.SavePending(model, output, options.Write);
        clock.Stop();
        return (new OptimizeResult(name, output, nodesBefore, model.Graph.Nodes.Count, bytesBefore, pending.Bytes, clock.Elapsed, report), pending);
    }

    /// <summary>Runs the pipeline in memory with the configured instrumentation.</summary>
    public PipelineRunReport Run(Model model) => Run(model, options.VerifyEach ? new VerifyEachInstrumentation() : null);

    private PipelineRunReport Run(Model model, VerifyEachInstrumentation? verifier)
    {
        var instrumentations = new List<IPassInstrumentation>();
        if (verifier is not null)
        {
            instrumentations.Add(verifier);
        }

        if (options.PrintIrAfter.Count > 0 || options.PrintIrAfterChange)
        {
            bool all = options.PrintIrAfter.Contains("all") || (options.PrintIrAfter.Count == 0 && options.PrintIrAfterChange);
            instrumentations.Add(new PrintIrInstrumentation(options.IrOutput ?? Console.Error, options.PrintIrAfter, all, options.PrintIrAfterChange));
        }

        if (options.DumpDirectory is not null)
        {
            instrumentations.Add(new DumpDirectoryInstrumentation(options.DumpDirectory));
        }

        instrumentations.AddRange(options.ExtraInstrumentations);
        var context = new PassContext(new RewriteBudget(options.MaxRewrites), options.Cancellation)
        {
            ConstantEvaluator = options.ConstantEvaluator,
            PatternTrace = options.PatternTrace,
            ActivationStatistics = options.ActivationStatistics,
            ChannelCalibration = options.ChannelCalibration,
        };
        return new PassManager(pipeline, instrumentations).Run(model, context);
    }
}
