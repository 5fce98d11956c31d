using OnnxOpt.Backends.OnnxRuntime.Benchmarking;
using OnnxOpt.Evaluation.Datasets;
using OnnxOpt.Evaluation.Running;
using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Evaluation.Comparison;

/// <summary>
/// Puts models side by side: file size, node count and Conv sparsity from the files, CPU latency measured by one
/// <see cref="InterleavedBenchmark"/> (all models in one process with the same session options, runs alternating
/// A B A B, so the speed-ups are fair on a busy machine), and, with a dataset, COCO metrics from
/// <see cref="DetectionEvaluator"/> on the same images for every model.
/// </summary>
public sealed class ModelComparison(InterleavedBenchmark benchmark, EvaluationOptions? evaluation = null)
{
    public InterleavedBenchmark Benchmark { get; } = benchmark;

    public EvaluationOptions Evaluation { get; } = evaluation ?? EvaluationOptions.Default with { KeepPredictions = false };

    /// <summary>Size, nodes, Conv sparsity, interleaved latency and (with a dataset) mAP of every model.</summary>
    /// <param name="modelPaths">The models; the first is the baseline the others are compared with.</param>
    /// <param name="dataset">Labelled images (any form <see cref="DetectionDataset.Open"/> takes), or null for speed only.</param>
    /// <param name="limit">Only the first N images of the dataset.</param>
    /// <param name="progress">Told the name of each model as its evaluation starts.</param>
    public ModelComparisonReport Compare(IReadOnlyList<string> modelPaths, string? dataset = null, int? limit = null, IProgress<string>? progress = null)
    {
        if (modelPaths.Count == 0)
        {
            throw new ArgumentException("no models to compare", nameof(modelPaths));
        }

        foreach (var path in modelPaths.Where(p => !File.Exists(p)))
        {
            throw new FileNotFoundException($"model '{path}' does not exist", path);
        }

        var summaries = modelPaths.Select(ModelSummarizer.Summarize).ToList();
        var metrics = new List<Metrics.DetectionMetrics?>();
        int images = 0;
        if (dataset is not null)
        {
            var baseline = DetectionModel.Describe(ModelReader.Load(modelPaths[0]), Path.GetFileName(modelPaths[0]), Evaluation.ImageSize);
            var data = DetectionDataset.Open(dataset, baseline.ClassNames).Take(limit);
            images = data.Images.Count;
            var evaluator = new DetectionEvaluator(Evaluation);
            foreach (var path in modelPaths)
            {
                progress?.Report(Path.GetFileName(path));
                metrics.Add(evaluator.Evaluate(path, data).Metrics);
            }
        }

        progress?.Report("latency");
        var latencies = Benchmark.Run(modelPaths);
        double baselineMedian = latencies[0].Latency.MedianMs;
        var rows = modelPaths.Select((path, i) => new ModelComparisonRow(
            Path.GetFileName(path),
            path,
            summaries[i].FileSize ?? new FileInfo(path).Length,
            summaries[i].NodeCount,
            summaries[i].ConvWeightSparsity,
            latencies[i],
            baselineMedian / latencies[i].Latency.MedianMs,
            dataset is null ? null : metrics[i])).ToList();
        return new ModelComparisonReport(rows, dataset, images, Benchmark.RunOptions.IntraOpThreads);
    }
}
