using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Text;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Instrumentation;

/// <summary>
/// Prints the IR after selected passes (`--print-ir-after=PASS|all`) or after every pass that changed the model
/// (`--print-ir-after-change`).
/// </summary>
public sealed class PrintIrInstrumentation(TextWriter output, IReadOnlySet<string> passNames, bool all, bool onlyOnChange) : IPassInstrumentation
{
    public void AfterPass(Pass pass, Model model, PassContext context, PassRunRecord record)
    {
        bool selected = all || passNames.Contains(pass.Name);
        if (!selected || (onlyOnChange && !record.Changed))
        {
            return;
        }

        output.WriteLine($"// ----- IR after {record.PipelineText} (#{record.Index}){(record.Changed ? string.Empty : " (unchanged)")} -----");
        output.Write(GraphPrinter.Print(model));
    }
}
