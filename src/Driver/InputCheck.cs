using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Verification;

namespace OnnxOpt.Driver;

/// <summary>
/// Runs the graph verifier on a model before any pass touches it: an unsorted or cyclic graph, a bad IR version or
/// opset would otherwise fail deep inside some pass with a message about the pass, not about the file.
/// </summary>
public static class InputCheck
{
    public static void ThrowIfInvalid(Model model, string name)
    {
        var errors = GraphVerifier.Verify(model).Where(d => d.IsError).ToList();
        if (errors.Count > 0)
        {
            string more = errors.Count > 1 ? $" (and {errors.Count - 1} more; 'onnxopt inspect' lists the model)" : string.Empty;
            throw new OnnxFormatException($"{name} is not a valid model, so no pass was run: {errors[0].ToString()["error: ".Length..]}{more}");
        }
    }
}
