using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using SkiaSharp;

namespace OnnxOpt.TestSupport;

/// <summary>
/// A tiny Ultralytics-style detector and labelled images, generated so that tests of verify, compare, sweep and
/// prune-scan run on a fresh clone. The model takes [1,3,32,32] images; a 1x1 Conv (12 weights) averaged over the
/// image moves one box (cx 16, cy 16, w 16, h 8, 4 x the Conv means) that has a fixed score: output0 [1, 5, 1] for
/// one class. Pruning the Conv moves the box, so mAP reacts to pruning.
/// </summary>
public static class GeneratedDetector
{
    public static Model Create(float score = 0.8f, float[]? convWeights = null)
    {
        var b = new ModelBuilder(opset: 17);
        var images = b.Input("images", DataType.Float, 1, 3, 32, 32);
        float[] weights = convWeights ?? [0.5f, -0.25f, 0.75f, 0.1f, 0.2f, -0.3f, -0.6f, 0.4f, 0.05f, 0.3f, -0.2f, 0.15f];
        var conv = b.Op("Conv", "conv", [images, b.Constant("conv.weight", Tensor.Create(weights, 4, 3, 1, 1))]);
        var mean = b.Op("ReduceMean", [conv], NodeAttribute.Ints("axes", 2, 3), NodeAttribute.Int("keepdims", 0));
        var scaled = b.Op("Mul", [mean, b.Constant("gain", [4f])]);
        var box = b.Op("Add", [scaled, b.Constant("anchor", [16f, 16f, 16f, 8f], 1, 4)]);
        var row = b.Op("Concat", [box, b.Constant("score", [score], 1, 1)], NodeAttribute.Int("axis", 1));
        var head = b.Op("Reshape", [row, b.Constant("shape", Tensor.Create(new long[] { 1, 5, 1 }, 3))]);
        b.Output(head, "output0", DataType.Float, 1, 5, 1);
        b.Metadata("task", "detect").Metadata("imgsz", "[32, 32]").Metadata("stride", "32").Metadata("names", "{0: 'thing'}");
        return b.Build();
    }

    /// <summary>Writes <paramref name="count"/> 64x32 PNG images (red and blue halves) with one label each under images/ and labels/.</summary>
    public static string WriteDataset(string folder, int count = 3)
    {
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        Directory.CreateDirectory(Path.Combine(folder, "labels"));
        for (int i = 0; i < count; i++)
        {
            using var bitmap = new SKBitmap(64, 32);
            using (var canvas = new SKCanvas(bitmap))
            {
                using var red = new SKPaint { Color = SKColors.Red };
                using var blue = new SKPaint { Color = new SKColor(0, (byte)(40 * i), 255) };
                canvas.DrawRect(0, 0, 32, 32, red);
                canvas.DrawRect(32, 0, 32, 32, blue);
            }

            using var image = SKImage.FromBitmap(bitmap);
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(folder, "images", $"{i}.png"), data.ToArray());
            File.WriteAllText(Path.Combine(folder, "labels", $"{i}.txt"), "0 0.55 0.5 0.5 0.5\n");
        }

        return folder;
    }
}
