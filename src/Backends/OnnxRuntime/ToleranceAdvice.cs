using OnnxOpt.Graph.Analysis;

namespace OnnxOpt.Backends.OnnxRuntime;

/// <summary>
/// The element-wise tolerances that fit a candidate model, judged from what it computes in and whether its Conv
/// weights were pruned. A float16 model cannot match a float32 one to 1e-4: its rounding alone is about 1e-3
/// relative per op and adds up through the network, so it is judged by relative error around 1e-2 and by the cosine
/// of its outputs. A pruned model changes its outputs by design: no tolerance fits, detections (or mAP) decide.
/// </summary>
/// <param name="Precision">The lowest precision the candidate computes in.</param>
/// <param name="ConvSparsity">Share of the candidate's Conv weights that are exactly zero.</param>
/// <param name="IsPruned">The candidate has clearly more zero Conv weights than the reference (or, without one, than a trained model has by chance).</param>
/// <param name="Atol">Suggested absolute tolerance.</param>
/// <param name="Rtol">Suggested relative tolerance.</param>
/// <param name="MinCosine">Cosine similarity every output should reach.</param>
/// <param name="Reason">One sentence a user can act on.</param>
public sealed record ToleranceAdvice(ComputePrecision Precision, double ConvSparsity, bool IsPruned, double Atol, double Rtol, double MinCosine, string Reason)
{
    /// <summary>Sparsity above this is taken as deliberate pruning rather than the odd dead weight of a trained model.</summary>
    public const double PrunedSparsity = 0.01;

    /// <summary>Extra zero Conv weights, against the reference, that mean the candidate was pruned.</summary>
    public const double PrunedSparsityIncrease = 0.001;

    /// <summary>True when the suggestion is looser than the default float32 tolerances.</summary>
    public bool IsLoosened => Precision != ComputePrecision.Float32 || IsPruned;

    public static ToleranceAdvice For(ModelSummary candidate, ModelSummary? reference = null)
    {
        var precision = PrecisionOf(candidate);
        double sparsity = candidate.ConvWeightSparsity;
        // Against a reference even a little extra sparsity is pruning (weights recovered from int8 are already ~9 % zero).
        bool pruned = reference is null ? sparsity > PrunedSparsity : sparsity - reference.ConvWeightSparsity > PrunedSparsityIncrease;
        string prunedNote = pruned
            ? $"; {sparsity:P1} of its Conv weights are zero (more than the reference), so its outputs differ by design: no tolerance fits; judge it at detection level (--images DIR) or by mAP (onnxopt eval)"
            : string.Empty;
        var advice = precision switch
        {
            ComputePrecision.Float16 => new ToleranceAdvice(precision, sparsity, pruned, 1e-2, 1e-2, 0.9999, "the candidate computes in float16 (about 3 significant digits): most elements fit --rtol 1e-2 --atol 1e-2 but a few large ones move more; judge the tensors with --min-cosine 0.9999"),
            ComputePrecision.BFloat16 => new ToleranceAdvice(precision, sparsity, pruned, 5e-2, 5e-2, 0.999, "the candidate computes in bfloat16 (about 2 significant digits): use --rtol 5e-2 --atol 5e-2, or judge the tensors with --min-cosine 0.999"),
            ComputePrecision.Int8 => new ToleranceAdvice(precision, sparsity, pruned, 1e-1, 1e-1, 0.99, "the candidate is quantized to 8 bits: element-wise tolerances hardly apply; judge the tensors with --min-cosine 0.99, or at detection level"),
            _ => new ToleranceAdvice(precision, sparsity, pruned, 1e-5, 1e-4, 0.99999, "the candidate computes in float32: the default --atol 1e-5 --rtol 1e-4 fit"),
        };
        return pruned ? advice with { Reason = advice.Reason + prunedNote } : advice;
    }

    /// <summary>The lowest precision among the model's weights and quantization ops.</summary>
    public static ComputePrecision PrecisionOf(ModelSummary model)
    {
        static bool HasWeights(ModelSummary m, string type) => m.WeightBytesByType.TryGetValue(type, out long bytes) && bytes > 0;
        bool quantized = model.OpTypes.Keys.Any(op => op is "QuantizeLinear" or "DequantizeLinear" or "DynamicQuantizeLinear" or "ConvInteger" or "MatMulInteger" or "QLinearConv" or "QLinearMatMul");
        if (quantized || HasWeights(model, "int8") || HasWeights(model, "uint8"))
        {
            return ComputePrecision.Int8;
        }

        if (HasWeights(model, "bfloat16"))
        {
            return ComputePrecision.BFloat16;
        }

        return HasWeights(model, "float16") ? ComputePrecision.Float16 : ComputePrecision.Float32;
    }
}
