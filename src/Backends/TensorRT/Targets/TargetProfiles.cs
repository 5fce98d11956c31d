using OnnxOpt.Backends.TensorRT.Parser;

namespace OnnxOpt.Backends.TensorRT.Targets;

/// <summary>
/// The built-in targets. Jetson facts: Nano is Maxwell (sm_53) on JetPack 4.6.x, whose 4.6.1+ releases ship
/// TensorRT 8.2.1; Xavier is Volta (sm_72) with two DLA cores on JetPack 5.1.x with TensorRT 8.5.2; Orin is
/// Ampere (sm_87) on JetPack 6.1/6.2 with TensorRT 10.3, sparse tensor cores, and DLA on AGX Orin and Orin NX.
/// </summary>
public static class TargetProfiles
{
    public static TargetProfile JetsonNano { get; } = new()
    {
        Name = TargetNames.JetsonNano,
        Description = "Jetson Nano (Maxwell GM20B, sm_53), JetPack 4.6.x",
        JetPack = "4.6.x",
        TensorRt = new Version(8, 2, 1),
        TensorRtText = "8.2.1",
        Cuda = "10.2",
        GpuArchitecture = "Maxwell",
        DeviceName = "NVIDIA Tegra X1",
        FastInt8 = false,
        Parser = OnnxParserMatrices.TensorRt82,
    };

    public static TargetProfile JetsonXavier { get; } = new()
    {
        Name = TargetNames.JetsonXavier,
        Description = "Jetson AGX Xavier / Xavier NX (Volta GV10B, sm_72), JetPack 5.1.x",
        JetPack = "5.1.x",
        TensorRt = new Version(8, 5, 2),
        TensorRtText = "8.5.2",
        Cuda = "11.4",
        GpuArchitecture = "Volta",
        DeviceName = "Xavier",
        DlaCores = 2,
        Parser = OnnxParserMatrices.TensorRt85,
    };

    public static TargetProfile JetsonOrin { get; } = new()
    {
        Name = TargetNames.JetsonOrin,
        Description = "Jetson AGX Orin / Orin NX / Orin Nano (Ampere GA10B, sm_87), JetPack 6.1/6.2",
        JetPack = "6.1/6.2",
        TensorRt = new Version(10, 3, 0),
        TensorRtText = "10.3.0",
        Cuda = "12.6",
        GpuArchitecture = "Ampere",
        DeviceName = "Orin",
        DlaCores = 2,
        DlaNote = "AGX Orin and Orin NX have DLA cores; Orin Nano has none",
        SparseTensorCores = true,
        Parser = OnnxParserMatrices.TensorRt10,
    };

    public static TargetProfile TensorRt10 { get; } = new()
    {
        Name = TargetNames.TensorRt10,
        Description = "Desktop or server GPU with TensorRT 10.x (checked against the 10.3 parser)",
        TensorRt = new Version(10, 0),
        TensorRtText = "10.x",
        GpuArchitecture = "Ampere or newer (assumed)",
        SparseTensorCores = true,
        Parser = OnnxParserMatrices.TensorRt10,
    };

    public static TargetProfile TensorRt11 { get; } = new()
    {
        Name = TargetNames.TensorRt11,
        Description = "Desktop or server GPU with TensorRT 11.x (strongly typed networks only)",
        TensorRt = new Version(11, 0),
        TensorRtText = "11.x",
        GpuArchitecture = "Ampere or newer (assumed)",
        SparseTensorCores = true,
        StronglyTyped = true,
        Parser = OnnxParserMatrices.TensorRt11,
    };

    public static IReadOnlyList<TargetProfile> All { get; } = [JetsonNano, JetsonXavier, JetsonOrin, TensorRt10, TensorRt11];

    /// <summary>The names of <see cref="All"/>, without building the profiles.</summary>
    public static IEnumerable<string> Names => TargetNames.All;

    public static TargetProfile? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The profile named <paramref name="name"/>; an error listing the known names otherwise.</summary>
    public static TargetProfile Get(string name) =>
        Find(name) ?? throw new ArgumentException($"unknown target '{name}'; known targets: {string.Join(", ", Names)}");
}
