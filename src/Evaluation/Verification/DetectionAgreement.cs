namespace OnnxOpt.Evaluation.Verification;

/// <summary>
/// Detection-level agreement of a candidate model with its reference over a set of images: matched, missing and
/// extra detections, score differences and the worst IoU of a matched pair. <see cref="Equivalent"/> is the verdict:
/// nothing missing, nothing extra, every matched score within the allowed delta.
/// </summary>
public sealed record DetectionAgreement(DetectionMatchOptions Options, IReadOnlyList<ImageAgreement> Images)
{
    public int Matched => Images.Sum(i => i.Matched.Count);

    public int Missing => Images.Sum(i => i.Missing.Count);

    public int Extra => Images.Sum(i => i.Extra.Count);

    public double MaxAbsScoreDelta => Images.SelectMany(i => i.Matched).Select(p => (double)Math.Abs(p.ScoreDelta)).DefaultIfEmpty(0).Max();

    public double MeanAbsScoreDelta => Images.SelectMany(i => i.Matched).Select(p => (double)Math.Abs(p.ScoreDelta)).DefaultIfEmpty(0).Average();

    /// <summary>The lowest IoU of a matched pair (1 when nothing was matched).</summary>
    public double MinIou => Images.SelectMany(i => i.Matched).Select(p => (double)p.Iou).DefaultIfEmpty(1).Min();

    public bool Equivalent => Missing == 0 && Extra == 0 && MaxAbsScoreDelta <= Options.MaxScoreDelta;

    /// <summary>One line saying why the candidate is not equivalent (null when it is).</summary>
    public string? Problem =>
        Equivalent ? null
        : Missing > 0 || Extra > 0 ? $"{Missing} missing and {Extra} extra detection(s)"
        : $"a matched score moved by {MaxAbsScoreDelta:0.####} (allowed {Options.MaxScoreDelta:0.####})";
}
