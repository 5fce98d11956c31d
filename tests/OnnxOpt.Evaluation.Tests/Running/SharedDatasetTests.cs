using System.Globalization;
using OnnxOpt.Evaluation.Datasets;
using OnnxOpt.Evaluation.Running;
using OnnxOpt.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace OnnxOpt.Evaluation.Tests.Running;

/// <summary>Acceptance: the real Ultralytics exports on coco128-dev (32 COCO train images) give plausible COCO mAP.</summary>
public sealed class SharedDatasetTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("yolov8n.onnx", 0.40, 0.70)]
    [InlineData("yolov8n_dynamic_shape.onnx", 0.40, 0.70)]
    [InlineData("yolov8n-seg_320.onnx", 0.20, 0.60)]
    public void Ultralytics_exports_score_plausibly_on_coco128_dev(string file, double low, double high)
    {
        string? model = SharedData.UltralyticsModel(file);
        string? data = SharedData.Find(Path.Combine("datasets", "coco128-dev"));
        Skip.If(model is null || data is null, SharedData.MissingMessage);

        var evaluator = new DetectionEvaluator();
        var description = DetectionModel.Describe(OnnxOpt.Graph.Serialization.ModelReader.Load(model), file);
        var dataset = DetectionDataset.Open(data, description.ClassNames);
        var result = evaluator.Evaluate(model, dataset);

        var m = result.Metrics;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file}: mAP50-95 {m.Map50_95:F4} mAP50 {m.Map50:F4} mAP75 {m.Map75:F4} S/M/L {m.MapSmall:F4}/{m.MapMedium:F4}/{m.MapLarge:F4} P {m.Precision:F4} R {m.Recall:F4} conf {m.BestF1Confidence:F3} images {m.Images} instances {m.Instances}"));
        var t = result.Timing;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {t.Total.TotalSeconds:F2}s inference {t.Inference.TotalSeconds:F2}s load {t.SessionLoad.TotalSeconds:F2}s pre {t.Preprocessing.TotalSeconds:F2}s post {t.Postprocessing.TotalSeconds:F2}s metrics {t.Metrics.TotalSeconds:F3}s"));
        Assert.Equal(32, m.Images);
        Assert.InRange(m.Map50_95, low, high);
        Assert.True(m.Map50 > m.Map50_95 && m.Map50 >= m.Map75);
        Assert.Equal(dataset.Images.Count, result.Predictions.Count);
    }
}
