using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.Verification;

/// <summary>
/// Checks the parts of a model outside its graphs that a hostile or broken file gets wrong and every later tool
/// trips over: the IR version, the default-domain opset, and op types.
/// </summary>
public static class ModelHeaderRules
{
    /// <summary>The newest IR version ONNX defines (onnx 1.18 wrote IR 11).</summary>
    public const long MaxIrVersion = 11;

    /// <summary>The newest default-domain opset ONNX defines.</summary>
    public const long MaxOpset = 24;

    /// <summary>The oldest default-domain opset ONNX Runtime loads.</summary>
    public const long MinRunnableOpset = 7;

    public static void Check(Model model, List<Diagnostic> diagnostics)
    {
        if (model.IrVersion < 1 || model.IrVersion > MaxIrVersion)
        {
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, $"ir_version {model.IrVersion} is not an ONNX IR version (1 to {MaxIrVersion})"));
        }

        foreach (var import in model.OpsetImports)
        {
            bool isDefault = import.Domain.Length == 0 || import.Domain == "ai.onnx";
            if (import.Version < 1 || (isDefault && import.Version > MaxOpset))
            {
                string range = isDefault ? $" (1 to {MaxOpset})" : string.Empty;
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, $"opset import '{(isDefault ? "ai.onnx" : import.Domain)}' version {import.Version} does not exist{range}"));
            }
            else if (isDefault && import.Version < MinRunnableOpset)
            {
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Warning, $"opset {import.Version} is older than ONNX Runtime's oldest ({MinRunnableOpset}); convert it with convert-opset before running it"));
            }
        }

        foreach (var node in model.Graph.AllNodes())
        {
            if (node.OpType.Length == 0)
            {
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, "node has an empty op_type", node.Name, node.Graph?.Name));
            }
        }
    }
}
