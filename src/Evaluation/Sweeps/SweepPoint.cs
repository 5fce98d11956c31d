using OnnxOpt.Evaluation.Metrics;

namespace OnnxOpt.Evaluation.Sweeps;

/// <summary>One evaluated model of a sweep: which template and value made it, the pipeline text run, and what came out.</summary>
public sealed record SweepPoint(string Template, double Value, string Pipeline, int Nodes, double ConvSparsity, DetectionMetrics Metrics);
