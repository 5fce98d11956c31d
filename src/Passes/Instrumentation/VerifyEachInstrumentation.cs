using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Instrumentation;

/// <summary>
/// Runs the <see cref="GraphVerifier"/> after every pass that reports a change, and checks every pass that reports
/// none with a <see cref="StructuralFingerprint"/> taken before it; stops the pipeline at the first pass that breaks
/// the model or edits it while claiming "unchanged".
/// </summary>
public sealed class VerifyEachInstrumentation : IPassInstrumentation
{
    private ulong _before;

    public void BeforePass(Pass pass, Model model, PassContext context) => _before = StructuralFingerprint.Of(model);

    public void BeforePipeline(Model model)
    {
        var errors = GraphVerifier.Verify(model).Where(d => d.IsError).ToList();
        if (errors.Count > 0)
        {
            throw new PassVerificationException("(input)", errors);
        }
    }

    public void AfterPass(Pass pass, Model model, PassContext context, PassRunRecord record)
    {
        if (!record.Changed)
        {
            if (StructuralFingerprint.Of(model) != _before)
            {
                throw new PassVerificationException(record.PipelineText, [new Diagnostic(DiagnosticSeverity.Error, "the pass reported no change but edited the model")]);
            }

            return;
        }

        var errors = GraphVerifier.Verify(model).Where(d => d.IsError).ToList();
        if (errors.Count > 0)
        {
            throw new PassVerificationException(record.PipelineText, errors);
        }
    }
}
