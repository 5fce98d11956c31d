using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Opset;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Infrastructure;

/// <summary>
/// Every counter and table a registered pass reports is declared (name and description), so `onnxopt passes` can
/// list it and reports can describe it. A pass merged with an undeclared counter fails here.
/// </summary>
public sealed class DeclaredStatisticsTests
{
    [Fact]
    public void Every_registered_pass_declares_at_least_one_statistic_with_a_description()
    {
        foreach (var pass in PipelineRunner.Registry.Passes)
        {
            Assert.True(pass.Statistics.Count > 0, $"{pass.Name} declares no statistics");
            Assert.All(pass.Statistics, s => Assert.False(string.IsNullOrWhiteSpace(s.Description), $"{pass.Name}: {s.Name}"));
            Assert.Equal(pass.Statistics.Count, pass.Statistics.Select(s => s.Name).Distinct().Count());
        }
    }

    [Fact]
    public void Every_counter_a_registered_pass_reports_on_the_corpus_is_declared()
    {
        var undeclared = new SortedSet<string>(StringComparer.Ordinal);
        int reported = 0;
        foreach (var model in Corpus())
        {
            foreach (var pass in PipelineRunner.Registry.Passes)
            {
                if (Pipeline(pass.Name, model) is not { } text)
                {
                    continue;
                }

                PipelineRunReport report;
                try
                {
                    report = PipelineRunner.Run(Equivalence.Clone(model), text);
                }
                catch (OpsetConversionException)
                {
                    // convert-opset refuses models it cannot express in the target opset; its counters are then not reported.
                    continue;
                }
                catch (OnnxOpt.Passes.Transforms.Quantization.QuantizationException)
                {
                    // quantize-int8 needs calibration data, which this corpus does not carry (its runs are covered by the quantization tests).
                    continue;
                }

                foreach (var run in report.Runs)
                {
                    reported += run.Statistics.Counters.Count;
                    foreach (var name in run.Statistics.Undeclared)
                    {
                        undeclared.Add($"{run.PassName}: {name}");
                    }
                }
            }
        }

        Assert.True(reported > 20, $"only {reported} counters were reported: the corpus does not exercise the passes");
        Assert.Empty(undeclared);
    }

    [Fact]
    public void An_undeclared_counter_still_counts_and_is_listed()
    {
        var statistics = new PassStatistics([StatisticInfo.Count("known", "a declared counter")]);
        statistics.Add("known");
        statistics.Add("surprise", 2);

        Assert.Equal(2, statistics.Get("surprise"));
        Assert.Equal(["surprise"], statistics.Undeclared);
        Assert.Equal("a declared counter", statistics.Describe("known")!.Description);
    }

    /// <summary>The pipeline that runs <paramref name="pass"/> on <paramref name="model"/>, or null where it does not apply.</summary>
    private static string? Pipeline(string pass, Model model)
    {
        if (pass != "fix-input-shape")
        {
            return pass;
        }

        return model.Graph.Inputs.Any(v => v.Name == "images" && v.Shape is { Rank: 4 }) ? "fix-input-shape{images=1x3x640x640}" : null;
    }

    /// <summary>Seeded random graphs (Conv, BatchNormalization, Identity, arithmetic) and, when present, the real exports.</summary>
    private static IEnumerable<Model> Corpus()
    {
        foreach (int seed in Enumerable.Range(1, 12))
        {
            yield return RandomGraphGenerator.Generate(seed);
        }

        foreach (var file in new[] { "yolov8n.onnx", "yolov8n_dynamic_shape.onnx" })
        {
            if (SharedData.UltralyticsModel(file) is { } path)
            {
                yield return ModelReader.Load(path);
            }
        }
    }
}
