namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>The pipeline names the pre-flight check suggests; they must match the pass registry's names.</summary>
public static class FixPipelines
{
    public const string FoldConstants = "fold-constants";

    public const string FoldCasts = "fold-casts";

    public const string ConvertFp16 = "convert-fp16";

    public const string TensorRtPrepare = "tensorrt-prepare";

    public const string Dequantize = "dequantize";

    /// <summary>Symmetric INT8 Q/DQ for TensorRT (calibrated: the CLI needs --calibration-data).</summary>
    public const string QuantizeTensorRt = "quantize-int8{target=tensorrt}";

    public static string ConvertOpset(int version) => $"convert-opset{{version={version}}}";
}
