using System.Numerics;
using System.Runtime.CompilerServices;
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
    public IReadOnlyList<Detection> Decode(Tensor output) =>
        output.DataType == DataType.Float
            ? Decode(output.Span<float>(), output.Dims)
            : Decode(output.ToDoubleArray().Select(v => (float)v).ToArray(), output.Dims);

    /// <summary>Decodes an output given as its float values and its dims ([1, rows, columns]), without copying it.</summary>
    public IReadOnlyList<Detection> Decode(ReadOnlySpan<float> values, IReadOnlyList<long> dims)
    {
        var layout = LayoutOf(dims);
        if (values.Length != dims[1] * dims[2])
        {
            throw new ArgumentException($"{values.Length} values do not fill a [{string.Join(", ", dims)}] output", nameof(values));
        }

        return layout == OutputLayout.EndToEnd
            ? DecodeEndToEnd(values, (int)dims[1])
            : DecodeRaw(values, (int)dims[2]);
    }

    /// <summary>Decodes a raw head given as its float values, laid out [4 + classes (+ extra), anchors].</summary>
    public IReadOnlyList<Detection> DecodeRaw(ReadOnlySpan<float> data, int anchors)
    {
        if ((long)ClassCount * anchors > uint.MaxValue)
        {
            throw new ArgumentException($"{anchors} anchors x {ClassCount} classes are more candidates than the decoder can number", nameof(anchors));
        }

        var candidates = Options.MultiLabel ? MultiLabelCandidates(data, anchors) : BestClassCandidates(data, anchors);

        // NMS visits candidates best first (at most MaxCandidates, as Ultralytics' max_nms) until MaxDetections are kept.
        var keptByClass = new List<Detection>?[Options.ClassAgnostic ? 1 : ClassCount];
        var kept = new List<Detection>();
        for (int taken = 0; taken < Options.MaxCandidates && kept.Count < Options.MaxDetections && candidates.TryTake(out float score, out uint position); taken++)
        {
            var (anchor, classId) = Options.MultiLabel
                ? ((int)(position % (uint)anchors), (int)(position / (uint)anchors))
                : ((int)(position / (uint)ClassCount), (int)(position % (uint)ClassCount));
            float cx = data[anchor], cy = data[anchors + anchor], w = data[(2 * anchors) + anchor], h = data[(3 * anchors) + anchor];
            var candidate = new Detection(classId, score, cx - (w / 2), cy - (h / 2), cx + (w / 2), cy + (h / 2));
            var same = keptByClass[Options.ClassAgnostic ? 0 : classId] ??= [];
            if (!Nms.Overlaps(same, candidate, Options.IouThreshold))
            {
                same.Add(candidate);
                kept.Add(candidate);
            }
        }

        return kept;
    }

    /// <summary>Every (anchor, class) score above the threshold, numbered class by class as the rows are scanned.</summary>
    // Fully optimised from the first call: an evaluation of a few dozen images would otherwise run much of it in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private CandidateHeap MultiLabelCandidates(ReadOnlySpan<float> data, int anchors)
    {
        var candidates = new CandidateHeap();
        float confidence = Options.Confidence;
        var threshold = new Vector<float>(confidence);
        for (int c = 0; c < ClassCount; c++)
        {
            var row = data.Slice((4 + c) * anchors, anchors);
            uint rowStart = (uint)(c * anchors);
            int a = 0;

            // Most scores are far below even a 0.001 threshold: whole vectors of them are skipped with one compare.
            for (; a <= row.Length - Vector<float>.Count; a += Vector<float>.Count)
            {
                if (Vector.GreaterThanAny(new Vector<float>(row[a..]), threshold))
                {
                    for (int i = a; i < a + Vector<float>.Count; i++)
                    {
                        if (row[i] > confidence)
                        {
                            candidates.Add(row[i], rowStart + (uint)i);
                        }
                    }
                }
            }

            for (; a < row.Length; a++)
            {
                if (row[a] > confidence)
                {
                    candidates.Add(row[a], rowStart + (uint)a);
                }
            }
        }

        return candidates;
    }

    /// <summary>The best class of each anchor when it scores above the threshold, numbered anchor by anchor.</summary>
    // Fully optimised from the first call: an evaluation of a few dozen images would otherwise run much of it in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private CandidateHeap BestClassCandidates(ReadOnlySpan<float> data, int anchors)
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

        var candidates = new CandidateHeap();
        for (int a = 0; a < anchors; a++)
        {
            if (best[a] > Options.Confidence)
            {
                candidates.Add(best[a], ((uint)a * (uint)ClassCount) + (uint)bestClass[a]);
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
}
