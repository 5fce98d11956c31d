using System.Globalization;
using OnnxOpt.Evaluation.Metrics;

namespace OnnxOpt.Evaluation.Datasets;

/// <summary>
/// Datasets in Ultralytics' YOLO layout: each image under an <c>images</c> folder has its labels at the same path
/// under <c>labels</c> with a <c>.txt</c> extension, one object per line as <c>class cx cy w h</c> normalised to the
/// image (a polygon <c>class x1 y1 x2 y2 ...</c> becomes its bounding box). An image without a label file is a
/// background image: it has no objects, and every detection on it is a false positive.
/// </summary>
public static class YoloDataset
{
    /// <summary>Extensions of the images SkiaSharp decodes, from Ultralytics' IMG_FORMATS.</summary>
    public static readonly IReadOnlySet<string> ImageExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".bmp", ".jpeg", ".jpg", ".png", ".webp", ".gif" };

    /// <summary>A dataset folder (with an <c>images</c> subfolder) or an images folder itself.</summary>
    public static DetectionDataset FromFolder(string folder, IReadOnlyList<string> classNames)
    {
        string images = Directory.Exists(Path.Combine(folder, "images")) ? Path.Combine(folder, "images") : folder;
        var files = Directory.EnumerateFiles(images, "*", SearchOption.AllDirectories)
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f)))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new InvalidDataException($"no images found under '{images}'");
        }

        return FromImages(folder, files, classNames);
    }

    /// <summary>
    /// An Ultralytics data YAML: <c>path</c> (relative to the YAML's folder), <c>val</c> (a folder, a .txt list of
    /// images, or a list of them; <c>test</c> when there is no val) and <c>names</c>.
    /// </summary>
    public static DetectionDataset FromDataYaml(string yamlPath, IReadOnlyList<string> modelClassNames)
    {
        var yaml = DataYaml.Load(yamlPath);
        string yamlFolder = Path.GetDirectoryName(Path.GetFullPath(yamlPath))!;
        string root = yaml.Scalar("path") is { Length: > 0 } p ? Path.GetFullPath(Path.Combine(yamlFolder, p)) : yamlFolder;
        var splits = yaml.Items("val").Count > 0 ? yaml.Items("val") : yaml.Items("test");
        if (splits.Count == 0)
        {
            throw new InvalidDataException($"'{yamlPath}' names no val (or test) images");
        }

        var files = new List<string>();
        foreach (var (_, split) in splits)
        {
            string location = Path.GetFullPath(Path.Combine(root, split));
            if (Directory.Exists(location))
            {
                files.AddRange(Directory.EnumerateFiles(location, "*", SearchOption.AllDirectories).Where(f => ImageExtensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(location) && location.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            {
                string listFolder = Path.GetDirectoryName(location)!;
                files.AddRange(File.ReadAllLines(location).Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => Path.GetFullPath(Path.Combine(l.StartsWith("./", StringComparison.Ordinal) ? root : listFolder, l))));
            }
            else
            {
                throw new InvalidDataException($"val images '{location}' named by '{yamlPath}' do not exist");
            }
        }

        if (files.Count == 0)
        {
            throw new InvalidDataException($"no images found for the val split of '{yamlPath}'");
        }

        var names = yaml.Names();
        return FromImages(yamlPath, files, names.Count > 0 ? names : modelClassNames);
    }

    private static DetectionDataset FromImages(string source, List<string> files, IReadOnlyList<string> classNames)
    {
        var skipped = new SkippedLabelLines();
        var images = new List<DatasetImage>(files.Count);
        foreach (var file in files)
        {
            string labels = LabelPathOf(file);
            var objects = File.Exists(labels) ? ReadLabels(labels, classNames.Count, skipped) : [];
            images.Add(new DatasetImage(file, NumericStem(file) ?? images.Count, objects, Normalized: true));
        }

        return new DetectionDataset(source, DatasetFormat.Yolo, classNames, images) { Notes = skipped.Notes(classNames.Count) };
    }

    /// <summary>Ultralytics' <c>img2label_paths</c>: the last <c>/images/</c> becomes <c>/labels/</c>, the extension <c>.txt</c>.</summary>
    public static string LabelPathOf(string imagePath)
    {
        string full = Path.GetFullPath(imagePath);
        string marker = $"{Path.DirectorySeparatorChar}images{Path.DirectorySeparatorChar}";
        int at = full.LastIndexOf(marker, StringComparison.Ordinal);
        string swapped = at < 0 ? full : string.Concat(full.AsSpan(0, at), $"{Path.DirectorySeparatorChar}labels{Path.DirectorySeparatorChar}", full.AsSpan(at + marker.Length));
        return Path.ChangeExtension(swapped, ".txt");
    }

    /// <summary>Reads one label file; lines that do not parse, or name a class at or beyond <paramref name="classCount"/> (when not 0), are skipped and counted.</summary>
    public static List<GroundTruthBox> ReadLabels(string path, int classCount, SkippedLabelLines? skipped = null)
    {
        var objects = new List<GroundTruthBox>();
        int lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            if (!TryParse(parts, out var box))
            {
                skipped?.Unreadable($"{path}:{lineNumber}");
            }
            else if (classCount > 0 && box.ClassId >= classCount)
            {
                skipped?.UnknownClass($"{path}:{lineNumber}");
            }
            else
            {
                objects.Add(box);
            }
        }

        return objects;
    }

    private static bool TryParse(string[] parts, out GroundTruthBox box)
    {
        box = null!;
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                return false;
            }
        }

        if (values[0] < 0 || values[0] != Math.Floor(values[0]) || values.Length < 5)
        {
            return false;
        }

        int classId = (int)values[0];
        if (values.Length == 5)
        {
            double cx = values[1], cy = values[2], w = values[3], h = values[4];
            box = new GroundTruthBox(classId, (float)(cx - (w / 2)), (float)(cy - (h / 2)), (float)(cx + (w / 2)), (float)(cy + (h / 2)));
            return w >= 0 && h >= 0;
        }

        // A segment: the box around its points, as Ultralytics' segments2boxes.
        if (values.Length % 2 == 0)
        {
            return false;
        }

        double x1 = double.MaxValue, y1 = double.MaxValue, x2 = double.MinValue, y2 = double.MinValue;
        for (int i = 1; i < values.Length; i += 2)
        {
            x1 = Math.Min(x1, values[i]);
            x2 = Math.Max(x2, values[i]);
            y1 = Math.Min(y1, values[i + 1]);
            y2 = Math.Max(y2, values[i + 1]);
        }

        box = new GroundTruthBox(classId, (float)x1, (float)y1, (float)x2, (float)y2);
        return true;
    }

    /// <summary>The image id Ultralytics writes for a COCO image: its file stem when that is a number (else the caller uses the image's position).</summary>
    private static long? NumericStem(string file) =>
        long.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? id : null;
}
