using System.Globalization;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;
using Spectre.Console;

namespace OnnxOpt.Cli.Output;

/// <summary>The human form of <c>inspect</c>: a few Spectre.Console tables.</summary>
public static class InspectText
{
    private const int MaxMetadataValue = 100;

    public static void Write(IAnsiConsole console, TableBorder border, ModelSummary summary, string source, bool layers)
    {
        console.Write(Overview(summary, source).Border(border));
        if (summary.Ultralytics is { } ultralytics)
        {
            console.Write(Ultralytics(ultralytics).Border(border));
        }

        console.Write(Interface(summary).Border(border));
        console.Write(OpTypes(summary).Border(border));
        console.Write(Weights(summary).Border(border));
        if (summary.Metadata.Count > 0)
        {
            console.Write(Metadata(summary).Border(border));
        }

        if (layers)
        {
            console.Write(Layers(summary).Border(border));
        }
    }

    private static Table Overview(ModelSummary s, string source)
    {
        var table = KeyValue("Model");
        Row(table, "source", source);
        Row(table, "IR version", s.IrVersion.ToString(CultureInfo.InvariantCulture));
        Row(table, "opsets", string.Join(", ", s.Opsets.Select(o => $"{(o.Key.Length == 0 ? "ai.onnx" : o.Key)} {o.Value}")));
        Row(table, "producer", $"{s.ProducerName ?? "-"} {s.ProducerVersion}".Trim());
        Row(table, "nodes", s.TotalNodeCount == s.NodeCount ? Units.Count(s.NodeCount) : $"{Units.Count(s.NodeCount)} ({Units.Count(s.TotalNodeCount)} with subgraphs)");
        Row(table, "initializers", Units.Count(s.InitializerCount));
        Row(table, "parameters", Units.Count(s.ParameterCount));
        Row(table, "conv weight sparsity", $"{Units.Percent(s.ConvWeightSparsity)} ({Units.Count(s.ConvZeroWeightCount)} of {Units.Count(s.ConvWeightCount)} exactly zero)");
        Row(table, "file size", s.FileSize is { } size ? Units.Bytes(size) : "-");
        if (s.ExternalDataBytes > 0)
        {
            Row(table, "external data", Units.Bytes(s.ExternalDataBytes));
        }

        return table;
    }

    private static Table Ultralytics(UltralyticsInfo u)
    {
        var table = KeyValue("Ultralytics");
        Row(table, "task", u.Task ?? "-");
        Row(table, "imgsz", u.ImageSize is null ? "-" : string.Join(" x ", u.ImageSize));
        Row(table, "stride", u.Stride?.ToString(CultureInfo.InvariantCulture) ?? "-");
        Row(table, "classes", u.Names?.Count.ToString(CultureInfo.InvariantCulture) ?? "-");
        return table;
    }

    private static Table Interface(ModelSummary s)
    {
        var table = new Table().Title("Inputs and outputs").AddColumns("kind", "name", "type", "shape");
        foreach (var (kind, value) in s.Inputs.Select(v => ("input", v)).Concat(s.Outputs.Select(v => ("output", v))))
        {
            table.AddRow(Cell(kind), Cell(value.Name), Cell(value.ElementType.OnnxName()), Cell(value.DimTexts is { } dims ? $"[{string.Join(", ", dims)}]" : "unknown"));
        }

        return table;
    }

    private static Table OpTypes(ModelSummary s)
    {
        var table = new Table().Title("Op types").AddColumn("op").AddColumn(new TableColumn("nodes").RightAligned());
        foreach (var (op, count) in s.OpTypes)
        {
            table.AddRow(Cell(op), Cell(Units.Count(count)));
        }

        return table;
    }

    private static Table Weights(ModelSummary s)
    {
        var table = new Table().Title("Weights by type").AddColumn("type").AddColumn(new TableColumn("bytes").RightAligned());
        foreach (var (type, bytes) in s.WeightBytesByType)
        {
            table.AddRow(Cell(type), Cell(Units.Bytes(bytes)));
        }

        return table;
    }

    private static Table Metadata(ModelSummary s)
    {
        var table = KeyValue("Metadata");
        foreach (var (key, value) in s.Metadata)
        {
            string shown = value.Length > MaxMetadataValue ? value[..MaxMetadataValue] + "..." : value;
            Row(table, key, CliErrors.OneLine(shown));
        }

        return table;
    }

    private static Table Layers(ModelSummary s)
    {
        var table = new Table().Title("Conv layers").AddColumns("node", "weight shape")
            .AddColumn(new TableColumn("parameters").RightAligned()).AddColumn(new TableColumn("sparsity").RightAligned());
        foreach (var layer in s.ConvLayers)
        {
            table.AddRow(Cell(layer.NodeName), Cell($"[{string.Join(", ", layer.WeightShape)}]"), Cell(Units.Count(layer.Parameters)), Cell(Units.Percent(layer.Sparsity)));
        }

        return table;
    }

    private static Table KeyValue(string title) => new Table().Title(title).AddColumns("field", "value");

    private static void Row(Table table, string key, string value) => table.AddRow(Cell(key), Cell(value));

    /// <summary>Model text is data, never markup: names like "[1,3]" must not be parsed as styles.</summary>
    private static Text Cell(string text) => new(text);
}
