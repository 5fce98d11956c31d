namespace OnnxOpt.Evaluation.Decoding;

/// <summary>Box overlap arithmetic shared by NMS and the metrics (corner boxes, no +1 pixel convention, as torchvision and pycocotools).</summary>
public static class BoxMath
{
    public static float Iou(float ax1, float ay1, float ax2, float ay2, float bx1, float by1, float bx2, float by2)
    {
        float w = Math.Min(ax2, bx2) - Math.Max(ax1, bx1);
        float h = Math.Min(ay2, by2) - Math.Max(ay1, by1);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }

        float intersection = w * h;
        float union = (Math.Max(0, ax2 - ax1) * Math.Max(0, ay2 - ay1)) + (Math.Max(0, bx2 - bx1) * Math.Max(0, by2 - by1)) - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
