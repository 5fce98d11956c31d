namespace OnnxOpt.Backends.TensorRT.Targets;

/// <summary>Command-line names of <see cref="Precision"/>: fp32, fp16, int8.</summary>
public static class Precisions
{
    public static string CliName(this Precision precision) => precision switch
    {
        Precision.Fp32 => "fp32",
        Precision.Int8 => "int8",
        _ => "fp16",
    };

    public static bool TryParse(string text, out Precision precision)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "fp32" or "float32":
                precision = Precision.Fp32;
                return true;
            case "fp16" or "float16":
                precision = Precision.Fp16;
                return true;
            case "int8":
                precision = Precision.Int8;
                return true;
            default:
                precision = Precision.Fp16;
                return false;
        }
    }
}
