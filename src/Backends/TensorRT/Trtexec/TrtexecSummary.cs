namespace OnnxOpt.Backends.TensorRT.Trtexec;

/// <summary>
/// What trtexec reported: its version and device, and its "=== Performance summary ===" (throughput in queries
/// per second, host latency, enqueue time, transfers, GPU compute time). Metrics are null when trtexec did not
/// benchmark (e.g. --skipInference) or its output lacked them.
/// </summary>
public sealed record TrtexecSummary
{
    public string? TensorRtVersion { get; init; }

    public string? Device { get; init; }

    public double? ThroughputQps { get; init; }

    public TimingStatistics? Latency { get; init; }

    /// <summary>Printed by TensorRT 8.2-8.4 only.</summary>
    public TimingStatistics? EndToEndHostLatency { get; init; }

    public TimingStatistics? EnqueueTime { get; init; }

    public TimingStatistics? H2DLatency { get; init; }

    public TimingStatistics? GpuComputeTime { get; init; }

    public TimingStatistics? D2HLatency { get; init; }

    public double? TotalHostWalltimeSeconds { get; init; }

    public double? TotalGpuComputeSeconds { get; init; }

    /// <summary>From the closing "&amp;&amp;&amp;&amp; PASSED" or "FAILED" line; null when absent.</summary>
    public bool? Passed { get; init; }

    /// <summary>The error lines ([E]) trtexec printed, without their prefixes.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];
}
