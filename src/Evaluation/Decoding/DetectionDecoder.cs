using OnnxOpt.Graph.IR;

namespace OnnxOpt.Evaluation.Decoding;

/// <summary>
/// Turns the first output of an Ultralytics detection model into detections in model-input pixels. Raw heads
/// ([1, 4 + classes (+ mask coefficients or keypoints), anchors]: v8/v11 detect, the first output of segment, the
/// box part of pose) are thresholded and go through per-class NMS as Ultralytics' <c>non_max_suppression</c> does;
/// NMS-free heads ([1, K, 6]: x1, y1, x2, y2, score, class) are only thresholded and cut to the maximum count.
/// </summary>
public sealed class DetectionDecoder
{
    /// <param name="classCount">Number of classes (80 for COCO); rows after them in a raw head are ignored.</param>
    /// <param name="options">Confidence, IoU and maximum detections; null: Ultralytics val's defaults.</param>
    public DetectionDecoder(int classCount, DetectionOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        Options = options ?? DetectionOptions.Default;
        if (Options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        ClassCount = classCount;
    }

    public int ClassCount { get; }

    public DetectionOptions Options { get; }

    /// <summary>Which layout a [1, a, b] output has for this class count.</summary>
    public OutputLayout LayoutOf(IReadOnlyList<long> dims)
    {
        if (dims.Count != 3 || dims[0] != 1)
        {
            throw new ArgumentException($"expected a [1, rows, columns] detection output, got [{string.Join(", ", dims)}]", nameof(dims));
        }

        // A raw head has at least 4 + classes rows; a [1, K, 6] head has six columns and (almost always) more rows than that.
        bool rawFits = dims[1] >= 4 + ClassCount;
        if (dims[2] == 6 && (!rawFits || dims[1] != 4 + ClassCount))
        {
            return OutputLayout.EndToEnd;
        }

        return rawFits
            ? OutputLayout.RawAnchors
            : throw new ArgumentException($"a [1, {dims[1]}, {dims[2]}] output fits neither a raw head with {ClassCount} classes ([1, 4+{ClassCount}, anchors]) nor an NMS-free head ([1, K, 6])", nameof(dims));
    }

    /// <summary>Decodes the output tensor (float32 or float16) into detections in input pixels, highest scores first.</summary>
    public IReadOnlyList<Detection> Decode(Tensor output)
    {
        var dims = output.Dims;
        var layout = LayoutOf(dims);
        float[] data = output.DataType == DataType.Float
            ? output.ToArray<float>()
            : output.ToDoubleArray().Select(v => (float)v).ToArray();
        return layout == OutputLayout.EndToEnd
            ? DecodeEndToEnd(data, (int)dims[1])
            : DecodeRaw(data, (int)dims[2]);
    }

    /// <summary>Decodes a raw head given as its float values, laid out [4 + classes (+ extra), anchors].</summary>
    public IReadOnlyList<Detection> DecodeRaw(ReadOnlySpan<float> data, int anchors)
    {
        var candidates = Options.MultiLabel ? MultiLabelCandidates(data, anchors) : BestClassCandidates(data, anchors);
        if (candidates.Count > Options.MaxCandidates)
        {
            candidates.Sort(static (a, b) => b.Score.CompareTo(a.Score));
            candidates.RemoveRange(Options.MaxCandidates, candidates.Count - Options.MaxCandidates);
        }

        var detections = new List<Detection>(candidates.Count);
        foreach (var (anchor, classId, score) in candidates)
        {
            float cx = data[anchor], cy = data[anchors + anchor], w = data[(2 * anchors) + anchor], h = data[(3 * anchors) + anchor];
            detections.Add(new Detection(classId, score, cx - (w / 2), cy - (h / 2), cx + (w / 2), cy + (h / 2)));
        }

        return Nms.Apply(detections, Options.IouThreshold, Options.MaxDetections, Options.ClassAgnostic);
    }

    private List<Candidate> MultiLabelCandidates(ReadOnlySpan<float> data, int anchors)
    {
        var candidates = new List<Candidate>();
        float confidence = Options.Confidence;
        for (int c = 0; c < ClassCount; c++)
        {
            var row = data.Slice((4 + c) * anchors, anchors);
            for (int a = 0; a < row.Length; a++)
            {
                if (row[a] > confidence)
                {
                    candidates.Add(new Candidate(a, c, row[a]));
                }
            }
        }

        return candidates;
    }

    private List<Candidate> BestClassCandidates(ReadOnlySpan<float> data, int anchors)
    {
        // Row by row keeps the reads sequential; the per-anchor best is tracked in two small arrays.
        var best = new float[anchors];
        var bestClass = new int[anchors];
        data.Slice(4 * anchors, anchors).CopyTo(best);
        for (int c = 1; c < ClassCount; c++)
        {
            var row = data.Slice((4 + c) * anchors, anchors);
            for (int a = 0; a < anchors; a++)
            {
                if (row[a] > best[a])
                {
                    best[a] = row[a];
                    bestClass[a] = c;
                }
            }
        }

        var candidates = new List<Candidate>();
        for (int a = 0; a < anchors; a++)
        {
            if (best[a] > Options.Confidence)
            {
                candidates.Add(new Candidate(a, bestClass[a], best[a]));
            }
        }

        return candidates;
    }

    private List<Detection> DecodeEndToEnd(ReadOnlySpan<float> data, int rows)
    {
        var detections = new List<Detection>();
        for (int r = 0; r < rows; r++)
        {
            var row = data.Slice(r * 6, 6);
            if (row[4] > Options.Confidence)
            {
                detections.Add(new Detection((int)row[5], row[4], row[0], row[1], row[2], row[3]));
            }
        }

        // Stable: rows the model emitted in score order stay in that order.
        var ordered = detections.OrderByDescending(d => d.Score).Take(Options.MaxDetections).ToList();
        return ordered;
    }

    private readonly record struct Candidate(int Anchor, int ClassId, float Score);
}
