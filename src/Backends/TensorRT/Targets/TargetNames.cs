namespace OnnxOpt.Backends.TensorRT.Targets;

/// <summary>
/// The built-in target names, apart from <see cref="TargetProfiles"/> so that listing them (every CLI start
/// builds help texts with them) does not build the profiles and their parser support tables.
/// </summary>
public static class TargetNames
{
    public const string JetsonNano = "jetson-nano";
    public const string JetsonXavier = "jetson-xavier";
    public const string JetsonOrin = "jetson-orin";
    public const string TensorRt10 = "trt10";
    public const string TensorRt11 = "trt11";

    /// <summary>In the order of <see cref="TargetProfiles.All"/>.</summary>
    public static IReadOnlyList<string> All { get; } = [JetsonNano, JetsonXavier, JetsonOrin, TensorRt10, TensorRt11];
}
