using OnnxOpt.SampleModels.Yolo;
using OnnxOpt.SampleModels;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Cli.Infrastructure;

/// <summary>The model commands use when none is given: a generated YOLOv8n, so the tool shows its work on a fresh machine.</summary>
public static class DefaultModel
{
    public const string Description = "a generated YOLOv8n (Ultralytics export layout, 640x640, 80 classes, random weights, seed 0)";

    public const string DisplayName = "<built-in YOLOv8n>";

    public static Model Create() => YoloV8Generator.Generate(new YoloV8Options());
}
