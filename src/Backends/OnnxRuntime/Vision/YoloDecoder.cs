
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.OnnxRuntime.Vision;

/// <summary>
/// Decodes the raw output of an Ultralytics YOLOv8 detect or segment export, laid out [1, 4 + classes (+ mask
/// coefficients), anchors]: per anchor the box centre and size in input pixels, then one (already sigmoid) score
/// per class. An anchor becomes a candidate when its best class scores above the confidence threshold, and the
/// candidates go through per-class NMS, as in Ultralytics' <c>non_max_suppression</c>.
/// </summary>
public static class YoloDecoder
{
    /// <param name="output">output0 of the model, float32 or float16.</param>
    /// <param name="classCount">Number of classes (80 for COCO); rows after them (mask coefficients) are ignored.</param>
    /// <param name="confidence">Candidates need a best class score above this.</param>
    /// <param name="iouThreshold">Boxes of one class overlapping a better one by more than this are suppressed.</param>
    /// <param name="maxDetections">At most this many detections are returned, best first.</param>
    public static IReadOnlyList<Detection> Decode(Tensor output, int classCount = 80, float confidence = 0.25f, float iouThreshold = 0.45f, int maxDetections = 300)
    {
        if (output.Rank != 3 || output.Dims[0] != 1 || output.Dims[1] < 4 + classCount)
        {
            throw new ArgumentException($"expected a [1, 4+{classCount}(+masks), anchors] YOLO output, got {output}", nameof(output));
        }

        int anchors = (int)output.Dims[2];
        float[] data = output.DataType == DataType.Float
            ? output.ToArray<float>()
            : output.ToDoubleArray().Select(v => (float)v).ToArray();
        var candidates = new List<Detection>();
        for (int a = 0; a < anchors; a++)
        {
            int best = 0;
            float bestScore = float.NegativeInfinity;
            for (int c = 0; c < classCount; c++)
            {
                float score = data[((4 + c) * anchors) + a];
                if (score > bestScore)
                {
                    bestScore = score;
                    best = c;
                }
            }

            if (bestScore <= confidence)
            {
                continue;
            }

            float cx = data[a], cy = data[anchors + a], w = data[(2 * anchors) + a], h = data[(3 * anchors) + a];
            candidates.Add(new Detection(best, bestScore, cx - (w / 2), cy - (h / 2), cx + (w / 2), cy + (h / 2)));
        }

        return Nms.Apply(candidates, iouThreshold, maxDetections);
    }
}
