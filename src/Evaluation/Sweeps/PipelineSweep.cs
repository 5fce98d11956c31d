using OnnxOpt.Evaluation.Datasets;
using OnnxOpt.Evaluation.Running;
using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Driver;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Evaluation.Sweeps;

/// <summary>
/// Runs pipeline templates over a range of values and measures each result: for every template and value the model
/// is loaded afresh, the instantiated pipeline runs through the pass manager (as <c>onnxopt optimize</c> would, the
/// result verified), and the rewritten model is evaluated in memory on the dataset. The unmodified model is
/// evaluated once as the baseline; a pipeline that changed nothing (amount 0) reuses its metrics instead of running
/// the same model again. Every pipeline is built before any work starts, so a bad template fails fast.
/// </summary>
public sealed class PipelineSweep(EvaluationOptions? evaluation = null, OptimizeOptions? optimize = null)
{
    public EvaluationOptions Evaluation { get; } = evaluation ?? EvaluationOptions.Default with { KeepPredictions = false };

    public OptimizeOptions Optimize { get; } = optimize ?? new OptimizeOptions();

    /// <summary>Runs every template at every value through the pass manager and evaluates each result on the dataset.</summary>
    /// <param name="modelPath">The model to optimize.</param>
    /// <param name="templates">Pipeline texts with <c>$x</c> where the value goes.</param>
    /// <param name="values">The values substituted for <c>$x</c>.</param>
    /// <param name="dataset">Labelled images (any form <see cref="Datasets.DetectionDataset.Open"/> takes).</param>
    /// <param name="limit">Only the first N images of the dataset.</param>
    /// <param name="progress">Told what is about to be evaluated ("baseline", or the instantiated template; unchanged models are not evaluated).</param>
    public SweepReport Run(string modelPath, IReadOnlyList<PipelineTemplate> templates, IReadOnlyList<double> values, string dataset, int? limit = null, IProgress<string>? progress = null)
    {
        if (templates.Count == 0 || values.Count == 0)
        {
            throw new ArgumentException("a sweep needs at least one template and one value");
        }

        var pipelines = templates.SelectMany(t => values.Select(v => (Template: t, Value: v, Pipeline: PipelineRunner.Parse(t.Instantiate(v))))).ToList();
        string name = Path.GetFileName(modelPath);
        var original = ModelReader.Load(modelPath);
        var description = DetectionModel.Describe(original, name, Evaluation.ImageSize);
        var data = DetectionDataset.Open(dataset, description.ClassNames).Take(limit);
        var evaluator = new DetectionEvaluator(Evaluation);

        progress?.Report("baseline");
        var baseline = evaluator.Evaluate(original, name, data).Metrics;
        var points = new List<SweepPoint>(pipelines.Count);
        foreach (var (template, value, pipeline) in pipelines)
        {
            var model = ModelReader.Load(modelPath);
            bool changed = new ModelOptimizer(pipeline, Optimize).Run(model).Changed;
            GraphVerifier.ThrowIfInvalid(model);
            var summary = ModelSummarizer.Summarize(model);
            if (changed)
            {
                progress?.Report(template.Instantiate(value));
            }

            var metrics = changed ? evaluator.Evaluate(model, name, data).Metrics : baseline;
            points.Add(new SweepPoint(template.Text, value, pipeline.ToPipelineText(), summary.NodeCount, summary.ConvWeightSparsity, metrics));
        }

        return new SweepReport(name, dataset, data.Images.Count, ParameterName(templates), baseline, points);
    }

    /// <summary>The option the values are given to (e.g. "amount" in amount=$x), when every template agrees; else "x".</summary>
    public static string ParameterName(IReadOnlyList<PipelineTemplate> templates)
    {
        var names = templates.Select(t =>
        {
            int at = t.Text.IndexOf("=" + PipelineTemplate.Placeholder, StringComparison.Ordinal);
            if (at <= 0)
            {
                return "x";
            }

            int start = at;
            while (start > 0 && (char.IsLetterOrDigit(t.Text[start - 1]) || t.Text[start - 1] is '-' or '_'))
            {
                start--;
            }

            return start < at ? t.Text[start..at] : "x";
        }).Distinct().ToList();
        return names.Count == 1 ? names[0] : "x";
    }
}
