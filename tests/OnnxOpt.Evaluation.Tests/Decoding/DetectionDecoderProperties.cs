using FsCheck.Xunit;
using OnnxOpt.Evaluation.Decoding;
using Xunit;

namespace OnnxOpt.Evaluation.Tests.Decoding;

/// <summary>
/// The decoder ranks candidates with a heap and stops NMS early; these properties hold it to the plain algorithm
/// (every candidate in scan order, a stable sort by score, the best MaxCandidates, greedy NMS) on random heads with
/// few score levels, so equal scores, and overlapping boxes, are common.
/// </summary>
public sealed class DetectionDecoderProperties
{
    private sealed record Head(float[] Data, int Classes, int Anchors, DetectionOptions Options);

    private static Head RandomHead(int seed)
    {
        var random = new Random(seed);
        int classes = random.Next(1, 6), anchors = random.Next(1, 41);
        var data = new float[(4 + classes) * anchors];
        for (int a = 0; a < anchors; a++)
        {
            data[a] = random.Next(0, 60);
            data[anchors + a] = random.Next(0, 60);
            data[(2 * anchors) + a] = random.Next(1, 30);
            data[(3 * anchors) + a] = random.Next(1, 30);
        }

        for (int i = 4 * anchors; i < data.Length; i++)
        {
            data[i] = random.Next(0, 6) / 5f;
        }

        var options = new DetectionOptions
        {
            Confidence = random.Next(0, 3) / 5f,
            IouThreshold = random.Next(1, 10) / 10f,
            MaxDetections = random.Next(1, 25),
            MultiLabel = random.Next(2) == 0,
            ClassAgnostic = random.Next(4) == 0,
        };
        return new Head(data, classes, anchors, options);
    }

    /// <summary>The decoder as first written: all candidates in scan order, then a stable sort and NMS over them.</summary>
    private static List<Detection> Reference(Head head, int maxCandidates)
    {
        var (data, classes, anchors, options) = head;
        var candidates = new List<Detection>();
        void Add(int anchor, int classId, float score)
        {
            float cx = data[anchor], cy = data[anchors + anchor], w = data[(2 * anchors) + anchor], h = data[(3 * anchors) + anchor];
            candidates.Add(new Detection(classId, score, cx - (w / 2), cy - (h / 2), cx + (w / 2), cy + (h / 2)));
        }

        if (options.MultiLabel)
        {
            for (int c = 0; c < classes; c++)
            {
                for (int a = 0; a < anchors; a++)
                {
                    if (data[((4 + c) * anchors) + a] > options.Confidence)
                    {
                        Add(a, c, data[((4 + c) * anchors) + a]);
                    }
                }
            }
        }
        else
        {
            for (int a = 0; a < anchors; a++)
            {
                int best = 0;
                for (int c = 1; c < classes; c++)
                {
                    best = data[((4 + c) * anchors) + a] > data[((4 + best) * anchors) + a] ? c : best;
                }

                if (data[((4 + best) * anchors) + a] > options.Confidence)
                {
                    Add(a, best, data[((4 + best) * anchors) + a]);
                }
            }
        }

        var ranked = candidates.OrderByDescending(d => d.Score).Take(maxCandidates);
        return [.. Nms.Apply(ranked, options.IouThreshold, options.MaxDetections, options.ClassAgnostic)];
    }

    [Property(MaxTest = 300)]
    public bool Heap_ranked_decoding_equals_sorting_every_candidate(int seed)
    {
        var head = RandomHead(seed);

        var decoded = new DetectionDecoder(head.Classes, head.Options).DecodeRaw(head.Data, head.Anchors);

        return decoded.SequenceEqual(Reference(head, int.MaxValue));
    }

    [Property(MaxTest = 300)]
    public bool Max_candidates_keeps_the_best_candidates_in_scan_order_among_equal_scores(int seed)
    {
        var head = RandomHead(seed);
        int maxCandidates = new Random(seed).Next(1, 10);
        var options = head.Options with { MaxCandidates = maxCandidates };

        var decoded = new DetectionDecoder(head.Classes, options).DecodeRaw(head.Data, head.Anchors);

        return decoded.SequenceEqual(Reference(head with { Options = options }, maxCandidates));
    }

    [Fact]
    public void A_flat_output_decodes_like_the_tensor_it_came_from()
    {
        var head = RandomHead(7) with { Options = DetectionOptions.Default };
        var decoder = new DetectionDecoder(head.Classes);
        var tensor = OnnxOpt.Graph.IR.Tensor.Create(head.Data, 1, 4 + head.Classes, head.Anchors);

        Assert.Equal(decoder.Decode(tensor), decoder.Decode(head.Data, [1, 4 + head.Classes, head.Anchors]));
        Assert.Throws<ArgumentException>(() => decoder.Decode(head.Data.AsSpan(1), [1, 4 + head.Classes, head.Anchors]));
    }
}
