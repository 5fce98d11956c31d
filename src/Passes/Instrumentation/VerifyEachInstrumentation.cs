
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Instrumentation;

/// <summary>Runs the <see cref="GraphVerifier"/> after every pass and stops the pipeline at the first pass that breaks the model.</summary>
public sealed class VerifyEachInstrumentation : IPassInstrumentation
{
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
            return;
        }

        var errors = GraphVerifier.Verify(model).Where(d => d.IsError).ToList();
        if (errors.Count > 0)
        {
            throw new PassVerificationException(record.PipelineText, errors);
        }
    }
}
