namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>How `quantize-int8` turns an activation's statistics into the range it quantizes.</summary>
public enum CalibrationMethod
{
    /// <summary>The observed minimum and maximum.</summary>
    MinMax,

    /// <summary>Clip at the p-th percentile of the values (option `percentile`, default 99.99).</summary>
    Percentile,

    /// <summary>The clipping threshold that minimises the KL divergence of the 8-bit distribution (TensorRT's entropy calibrator).</summary>
    Entropy,

    /// <summary>The clipping range that minimises the mean squared quantization error over the histogram.</summary>
    Mse,
}
