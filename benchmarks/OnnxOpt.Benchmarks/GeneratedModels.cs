using OnnxOpt.SampleModels.Yolo;
using OnnxOpt.SampleModels;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Benchmarks;

/// <summary>The batch benchmarks' inputs: generated YOLOv8n models (640x640, seeds 0..count-1) in a folder.</summary>
public static class GeneratedModels
{
    /// <summary>Writes the models that are not there yet and returns their paths.</summary>
    public static List<string> Write(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        for (int seed = 0; seed < count; seed++)
        {
            string path = Path.Combine(folder, $"yolov8n-{seed}.onnx");
            if (!File.Exists(path))
            {
                ModelWriter.Save(YoloV8Generator.Generate(new YoloV8Options { Seed = seed }), path);
            }

            paths.Add(path);
        }

        return paths;
    }
}
