namespace OnnxOpt.Evaluation.Decoding;

/// <summary>How a detection model lays out its first output.</summary>
public enum OutputLayout
{
    /// <summary>[1, 4 + classes (+ extra rows), anchors]: box centre and size, then one sigmoid score per class; needs NMS.</summary>
    RawAnchors,

    /// <summary>[1, K, 6]: x1, y1, x2, y2, score, class per row, already suppressed (NMS-free heads, end-to-end exports).</summary>
    EndToEnd,
}
