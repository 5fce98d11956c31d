namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>
/// The pipelines the pre-flight check suggests and the engine build runs; they must parse against the pass registry
/// (a test in OnnxOpt.Backends.Tests checks every one, since this backend does not reference the pass library).
/// </summary>
public static class FixPipelines
{
    public const string FoldConstants = "fold-constants";

    public const string FoldCasts = "fold-casts";

    public const string ConvertFp16 = "convert-fp16";

    /// <summary>What an FP16 build on strongly typed TensorRT runs first: convert, then drop the casts that cancel.</summary>
    public const string Fp16Conversion = "convert-fp16,fold-casts";

    public const string TensorRtPrepare = "tensorrt-prepare";

    public const string Dequantize = "dequantize";

    /// <summary>FP16 for an integer-quantized model: dequantize first (convert-fp16 rewrites the scales dequantize reads).</summary>
    public const string DequantizeThenFp16 = "dequantize,convert-fp16";

    /// <summary>Symmetric INT8 Q/DQ for TensorRT (calibrated: the CLI needs --calibration-data).</summary>
    public const string QuantizeTensorRt = "quantize-int8{target=tensorrt}";


    /// <summary>
    /// The newest opset <c>convert-opset</c> writes. TensorRT 10's parser imports opset 24, so without this bound the
    /// check would suggest a conversion the pass refuses; a test keeps it equal to the pass's own limit.
    /// </summary>
    public const int NewestConvertibleOpset = 22;

    /// <summary><c>convert-opset</c> down to <paramref name="version"/>, or to the newest opset the pass writes when that is older.</summary>
    public static string ConvertOpset(int version) => $"convert-opset{{version={Math.Min(version, NewestConvertibleOpset)}}}";
}
