
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Text;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Instrumentation;

/// <summary>`--dump-dir DIR`: writes the IR text before the pipeline and after each pass as `NNN-pass-name.txt`, ready to diff.</summary>
public sealed class DumpDirectoryInstrumentation(string directory) : IPassInstrumentation
{
    public void BeforePipeline(Model model)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "000-input.txt"), GraphPrinter.Print(model));
    }

    public void AfterPass(Pass pass, Model model, PassContext context, PassRunRecord record) =>
        File.WriteAllText(Path.Combine(directory, $"{record.Index:000}-{pass.Name}.txt"), GraphPrinter.Print(model));
}
