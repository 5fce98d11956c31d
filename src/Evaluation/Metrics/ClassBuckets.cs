using OnnxOpt.Evaluation.Decoding;

namespace OnnxOpt.Evaluation.Metrics;

/// <summary>A box of one class on one image, flattened for the evaluator's inner loops.</summary>
internal struct EvalBox
{
    public int Image;
    public float Score;
    public float X1;
    public float Y1;
    public float X2;
    public float Y2;
    public bool Crowd;
    public double RangeArea;
}

/// <summary>
/// Boxes grouped by class (a counting sort), and within a class by image in ascending order, so each class can be
/// evaluated on its own thread by walking its images once.
/// </summary>
internal sealed class ClassBuckets
{
    private readonly EvalBox[] _boxes;
    private readonly int[] _offsets;

    private ClassBuckets(EvalBox[] boxes, int[] offsets)
    {
        _boxes = boxes;
        _offsets = offsets;
    }

    public ReadOnlyMemory<EvalBox> Of(int classId) => _boxes.AsMemory(_offsets[classId], _offsets[classId + 1] - _offsets[classId]);

    public static ClassBuckets FromDetections(IReadOnlyList<IReadOnlyList<Detection>> images, int classCount) =>
        Build(images, classCount, static d => d.ClassId, static (d, image) => new EvalBox
        {
            Image = image,
            Score = d.Score,
            X1 = d.X1,
            Y1 = d.Y1,
            X2 = d.X2,
            Y2 = d.Y2,
            RangeArea = (double)(d.X2 - d.X1) * (d.Y2 - d.Y1),
        });

    public static ClassBuckets FromTruths(IReadOnlyList<IReadOnlyList<GroundTruthBox>> images, int classCount) =>
        Build(images, classCount, static g => g.ClassId, static (g, image) => new EvalBox
        {
            Image = image,
            X1 = g.X1,
            Y1 = g.Y1,
            X2 = g.X2,
            Y2 = g.Y2,
            Crowd = g.IsCrowd,
            RangeArea = g.RangeArea,
        });

    private static ClassBuckets Build<T>(IReadOnlyList<IReadOnlyList<T>> images, int classCount, Func<T, int> classOf, Func<T, int, EvalBox> convert)
    {
        var offsets = new int[classCount + 1];
        foreach (var image in images)
        {
            foreach (var item in image)
            {
                offsets[classOf(item) + 1]++;
            }
        }

        for (int c = 0; c < classCount; c++)
        {
            offsets[c + 1] += offsets[c];
        }

        var next = offsets[..classCount];
        var boxes = new EvalBox[offsets[classCount]];
        for (int i = 0; i < images.Count; i++)
        {
            foreach (var item in images[i])
            {
                boxes[next[classOf(item)]++] = convert(item, i);
            }
        }

        return new ClassBuckets(boxes, offsets);
    }
}
