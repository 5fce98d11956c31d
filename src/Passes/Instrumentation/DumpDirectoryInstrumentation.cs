using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Text;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Instrumentation;

/// <summary>
/// `--dump-dir DIR`: writes the IR text before the pipeline and after each pass as `NNN-pass-name.txt`, ready to
/// diff. Dumps of an earlier run in the same folder (files named `NNN-*.txt`) are deleted first, so the folder
/// never mixes two runs; other files are left alone.
/// </summary>
public sealed partial class DumpDirectoryInstrumentation(string directory) : IPassInstrumentation
{
    public void BeforePipeline(Model model)
    {
        Directory.CreateDirectory(directory);
        foreach (string old in Directory.EnumerateFiles(directory, "*.txt").Where(f => DumpName().IsMatch(Path.GetFileName(f))).ToList())
        {
            File.Delete(old);
        }

        File.WriteAllText(Path.Combine(directory, "000-input.txt"), GraphPrinter.Print(model));
    }

    public void AfterPass(Pass pass, Model model, PassContext context, PassRunRecord record) =>
        File.WriteAllText(Path.Combine(directory, $"{record.Index:000}-{pass.Name}.txt"), GraphPrinter.Print(model));

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9]{3,}-.+\\.txt$")]
    private static partial System.Text.RegularExpressions.Regex DumpName();
}
