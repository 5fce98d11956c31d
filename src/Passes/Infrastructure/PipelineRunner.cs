using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Instrumentation;
using OnnxOpt.Passes.Pipelines;
using OnnxOpt.Passes.Registry;

namespace OnnxOpt.Passes.Infrastructure;

/// <summary>The short way to run pipeline text on a model with the default registry (tests, embedding code).</summary>
public static class PipelineRunner
{
    private static readonly Lazy<PassRegistry> DefaultRegistry = new(PassRegistry.CreateDefault);

    public static PassRegistry Registry => DefaultRegistry.Value;

    public static Pipeline Parse(string pipelineText) => new PipelineBuilder(Registry).Build(pipelineText);

    /// <summary>
    /// Runs the pipeline with verify-each on, throwing <see cref="PassVerificationException"/> if a pass breaks the
    /// model or edits it while reporting no change; this checks unchanged passes with the full structural fingerprint
    /// too (O(model) per pass, meant for tests and small models), where the CLI trusts the IR's edit counter.
    /// </summary>
    public static PipelineRunReport Run(Model model, string pipelineText, bool verifyEach = true, long? maxRewrites = null)
    {
        var instrumentations = verifyEach ? new IPassInstrumentation[] { new VerifyEachInstrumentation { FullFingerprint = true } } : [];
        return new PassManager(Parse(pipelineText), instrumentations).Run(model, new PassContext(new RewriteBudget(maxRewrites)));
    }
}
