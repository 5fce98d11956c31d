using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Instrumentation;

/// <summary>
/// Runs the <see cref="GraphVerifier"/> after every pass that reports a change, and checks that every pass that
/// reports none made no edit (its <see cref="ModelRevision"/> is the same before and after); stops the pipeline at
/// the first pass that breaks the model or edits it while claiming "unchanged". Edits that cancel out still count:
/// "unchanged" means "no IR edit", the same contract the pass manager's analysis cache relies on. The verifier is
/// skipped when the model is in the very state it last found valid (a pass that claimed a change it did not make).
/// </summary>
public sealed class VerifyEachInstrumentation : IPassInstrumentation
{
    private ModelRevision _before;
    private ulong _beforeFingerprint;

    /// <summary>
    /// Also compares a full <see cref="StructuralFingerprint"/> around every unchanged pass (O(model) per pass): a
    /// second net under the edit counter, for tests; the CLI relies on the counter alone.
    /// </summary>
    public bool FullFingerprint { get; init; }

    /// <summary>The model state the verifier last found free of errors; null before the first verification.</summary>
    public ModelRevision? LastVerified { get; private set; }

    /// <summary>Records that the caller has verified the model as it is now (an input check), so the pipeline start does not verify it again.</summary>
    public void MarkVerified(Model model) => LastVerified = ModelRevision.Of(model);

    /// <summary>Whether the model is still in the state the verifier last found valid (no edit since).</summary>
    public bool IsVerified(Model model) => LastVerified == ModelRevision.Of(model);

    public void BeforePipeline(Model model)
    {
        if (!IsVerified(model))
        {
            Verify(model, "(input)");
        }
    }

    public void BeforePass(Pass pass, Model model, PassContext context)
    {
        _before = ModelRevision.Of(model);
        if (FullFingerprint)
        {
            _beforeFingerprint = StructuralFingerprint.Of(model);
        }
    }

    public void AfterPass(Pass pass, Model model, PassContext context, PassRunRecord record)
    {
        if (!record.Changed)
        {
            if (ModelRevision.Of(model) != _before || (FullFingerprint && StructuralFingerprint.Of(model) != _beforeFingerprint))
            {
                throw new PassVerificationException(record.PipelineText, [new Diagnostic(DiagnosticSeverity.Error, "the pass reported no change but edited the model")]);
            }

            return;
        }

        if (!IsVerified(model))
        {
            Verify(model, record.PipelineText);
        }
    }

    private void Verify(Model model, string passText)
    {
        var errors = GraphVerifier.Verify(model).Where(d => d.IsError).ToList();
        if (errors.Count > 0)
        {
            throw new PassVerificationException(passText, errors);
        }

        LastVerified = ModelRevision.Of(model);
    }
}
