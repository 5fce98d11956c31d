using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Plotting.Tests;

public sealed class ChartTests
{
    private static readonly ChartText Text = new("model-x.onnx: sweep", "amount", "mAP50-95");

    [Fact]
    public void Line_chart_writes_a_png_of_the_asked_size()
    {
        using var temp = new TempDirectory();
        string path = temp.File("line.png");
        new LineChart(Text, [new ChartSeries("layer", [0, 0.1, 0.2], [0.6, 0.55, 0.4])]).Save(path, 640, 480);
        ChartFiles.AssertPng(path, 640, 480);
    }

    [Fact]
    public void Line_chart_svg_carries_title_axis_labels_and_legend()
    {
        using var temp = new TempDirectory();
        string path = temp.File("line.svg");
        new LineChart(Text, [
            new ChartSeries("per-layer mAP50-95", [0, 0.1], [0.6, 0.5]),
            new ChartSeries("global mAP50-95", [0, 0.1], [0.6, 0.58]) { Dashed = true },
        ]).Save(path);
        string text = ChartFiles.AssertSvg(path);
        Assert.Contains("model-x.onnx: sweep", text);
        Assert.Contains("amount", text);
        Assert.Contains("mAP50-95", text);
        Assert.Contains("per-layer mAP50-95", text);
        Assert.Contains("global mAP50-95", text);
    }

    [Fact]
    public void Scatter_chart_labels_every_point()
    {
        using var temp = new TempDirectory();
        string svg = temp.File("cmp.svg"), png = temp.File("cmp.PNG");
        var chart = new ScatterChart(new ChartText("compare", "latency ms", "mAP50-95"), [new LabelledPoint("a.onnx", 40, 0.6), new LabelledPoint("b.onnx", 30, 0.58)]);
        chart.Save(svg);
        chart.Save(png);
        string text = ChartFiles.AssertSvg(svg);
        Assert.Contains("a.onnx", text);
        Assert.Contains("b.onnx", text);
        ChartFiles.AssertPng(png, ChartFile.DefaultWidth, ChartFile.DefaultHeight);
    }

    [Fact]
    public void Scatter_chart_with_a_single_point_still_renders()
    {
        using var temp = new TempDirectory();
        string path = temp.File("one.png");
        new ScatterChart(Text, [new LabelledPoint("only.onnx", 12, 0.5)]).Save(path);
        ChartFiles.AssertPng(path, ChartFile.DefaultWidth, ChartFile.DefaultHeight);
    }

    [Fact]
    public void Bar_chart_grows_with_the_number_of_bars_and_names_each_one()
    {
        var names = Enumerable.Range(0, 64).Select(i => $"/model.{i}/conv/Conv").ToArray();
        var chart = new BarChart(new ChartText("scan", "1 - cosine", "layer"), names, names.Select((_, i) => i * 1e-4).ToArray());
        Assert.True(chart.DefaultHeight > ChartFile.DefaultHeight);
        using var temp = new TempDirectory();
        string svg = temp.File("scan.svg"), png = temp.File("scan.png");
        chart.Save(svg);
        chart.Save(png);
        string text = ChartFiles.AssertSvg(svg);
        Assert.Contains("/model.0/conv/Conv", text);
        Assert.Contains("/model.63/conv/Conv", text);
        ChartFiles.AssertPng(png, ChartFile.DefaultWidth, chart.DefaultHeight);
    }

    [Fact]
    public void Unknown_extension_is_refused_and_nothing_is_written()
    {
        using var temp = new TempDirectory();
        string path = temp.File("chart.jpg");
        Assert.False(ChartFile.IsSupported(path));
        var e = Assert.Throws<ArgumentException>(() => new LineChart(Text, []).Save(path));
        Assert.Contains(".png or .svg", e.Message);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Mismatched_series_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new LineChart(Text, [new ChartSeries("bad", [0, 1], [1])]).Build());
        Assert.Throws<ArgumentException>(() => new BarChart(Text, ["a"], [1, 2]).Build());
    }
}
