using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Tests.Precision;

/// <summary>
/// Runs a float32 model and its float16 conversion on the same seeded inputs in [0, 1] and compares every
/// output. Inputs are converted to float16 for a converted model whose inputs are float16 (keep-io-types=false),
/// which <see cref="ModelComparer"/> cannot do.
/// </summary>
internal static class Float16Comparison
{
    public static IReadOnlyList<OutputStatistics> Compare(Model original, Model converted, double atol, double rtol, int seed = 1, IReadOnlyDictionary<string, long>? dims = null)
    {
        var inputs = new InputGenerator { Seed = seed, Dims = dims ?? new Dictionary<string, long>() }.Generate(original);
        using var reference = new OrtRunner(original);
        using var candidate = new OrtRunner(converted);
        var expected = reference.Run(inputs);
        var actual = candidate.Run(AdaptInputs(inputs, converted));
        return expected.Select(p => OutputComparer.Compare(p.Key, p.Value, actual[p.Key], atol, rtol)).ToList();
    }

    /// <summary>The inputs with float32 data turned into float16 wherever the model's input is declared float16.</summary>
    public static Dictionary<string, Tensor> AdaptInputs(IReadOnlyDictionary<string, Tensor> inputs, Model model)
    {
        var result = new Dictionary<string, Tensor>();
        foreach (var (name, tensor) in inputs)
        {
            bool toHalf = tensor.DataType == DataType.Float && model.Graph.FindValue(name)?.ElementType == DataType.Float16;
            result[name] = toHalf ? Tensor.Create(tensor.ToArray<float>().Select(f => (Half)f).ToArray(), tensor.DimsArray()) : tensor;
        }

        return result;
    }

    public static string Describe(IEnumerable<OutputStatistics> outputs) =>
        string.Join("; ", outputs.Select(o => $"{o.Name}: mismatches={o.Mismatches}/{o.Elements} maxAbs={o.MaxAbsError:g4} maxRel={o.MaxRelError:g4} cos={o.Cosine:g6}{(o.Problem is null ? string.Empty : " " + o.Problem)}"));
}
