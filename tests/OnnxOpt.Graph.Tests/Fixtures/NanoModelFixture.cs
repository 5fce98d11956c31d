using OnnxOpt.SampleModels.Yolo;
using OnnxOpt.SampleModels;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.Tests.Fixtures;

/// <summary>The default generated YOLOv8n (640x640, seed 0), built once for the tests that only read it.</summary>
public sealed class NanoModelFixture
{
    public Model Model { get; } = YoloV8Generator.Generate(new YoloV8Options());
}
