using System.Globalization;
using System.Text.Json;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Evaluation.Running;

/// <summary>
/// Writes detections as a COCO results JSON (<c>[{"image_id", "category_id", "bbox": [x, y, w, h], "score"}]</c>),
/// the file pycocotools' <c>loadRes</c> reads. Boxes are rounded to 3 decimals and scores to 5, as Ultralytics
/// writes them. The file is written to a temporary file and renamed, so a reader never sees half a file.
/// </summary>
public static class CocoResultsJson
{
    public static void Write(string path, EvaluationResult result) => AtomicFile.Write(path, stream => Write(stream, result));

    public static void Write(Stream stream, EvaluationResult result)
    {
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartArray();
        foreach (var image in result.Predictions)
        {
            foreach (var d in image.Detections)
            {
                json.WriteStartObject();
                json.WriteNumber("image_id", image.Image.CocoId);
                json.WriteNumber("category_id", result.Dataset.CategoryIdOf(d.ClassId));
                json.WriteStartArray("bbox");
                json.WriteRawValue(Round(d.X1, 3));
                json.WriteRawValue(Round(d.Y1, 3));
                json.WriteRawValue(Round(d.X2 - d.X1, 3));
                json.WriteRawValue(Round(d.Y2 - d.Y1, 3));
                json.WriteEndArray();
                json.WritePropertyName("score");
                json.WriteRawValue(Round(d.Score, 5));
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
    }

    private static string Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.ToEven).ToString("0.#####", CultureInfo.InvariantCulture);
}
