using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Instrumentation;

/// <summary>Hooks the pass manager calls around every pass (verification, timing, IR printing, dumps).</summary>
public interface IPassInstrumentation
{
    void BeforePipeline(Model model)
    {
    }

    void BeforePass(Pass pass, Model model, PassContext context)
    {
    }

    void AfterPass(Pass pass, Model model, PassContext context, PassRunRecord record)
    {
    }
}
