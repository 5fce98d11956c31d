using System.Text.Json;
using OnnxOpt.Evaluation.Metrics;

namespace OnnxOpt.Evaluation.Datasets;

/// <summary>
/// A COCO instances JSON (<c>instances_val2017.json</c>): images with their ids and file names, annotations with
/// pixel boxes <c>[x, y, w, h]</c>, <c>area</c> (the segmentation area, which decides small/medium/large) and
/// <c>iscrowd</c>. Categories are mapped to the model's classes by name (case-insensitive); annotations of
/// categories the model does not know are dropped and noted. Images are looked for in the given folder, else in
/// <c>images/&lt;split&gt;</c>, <c>&lt;split&gt;</c> or <c>images</c> beside the JSON's folder, else beside the JSON.
/// </summary>
public static class CocoDataset
{
    public static DetectionDataset Load(string jsonPath, IReadOnlyList<string> modelClassNames, string? imagesFolder = null)
    {
        using var stream = File.OpenRead(jsonPath);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        if (!root.TryGetProperty("images", out var imagesJson) || !root.TryGetProperty("annotations", out var annotationsJson) || !root.TryGetProperty("categories", out var categoriesJson))
        {
            throw new InvalidDataException($"'{jsonPath}' is not a COCO instances file (needs images, annotations and categories)");
        }

        var notes = new List<string>();
        var classOfCategory = MapCategories(categoriesJson, modelClassNames, notes, out var categoryIds);
        string folder = imagesFolder ?? FindImagesFolder(jsonPath);
        var objectsByImage = new Dictionary<long, List<GroundTruthBox>>();
        int dropped = 0;
        foreach (var annotation in annotationsJson.EnumerateArray())
        {
            long categoryId = annotation.GetProperty("category_id").GetInt64();
            if (!classOfCategory.TryGetValue(categoryId, out int classId))
            {
                dropped++;
                continue;
            }

            var bbox = annotation.GetProperty("bbox");
            float x = bbox[0].GetSingle(), y = bbox[1].GetSingle(), w = bbox[2].GetSingle(), h = bbox[3].GetSingle();
            bool crowd = annotation.TryGetProperty("iscrowd", out var c) && c.GetInt32() != 0;
            double? area = annotation.TryGetProperty("area", out var a) ? a.GetDouble() : null;
            long imageId = annotation.GetProperty("image_id").GetInt64();
            if (!objectsByImage.TryGetValue(imageId, out var list))
            {
                objectsByImage[imageId] = list = [];
            }

            list.Add(new GroundTruthBox(classId, x, y, x + w, y + h, crowd, area));
        }

        if (dropped > 0)
        {
            notes.Add($"{dropped} annotations of categories the model does not know were left out");
        }

        var images = new List<DatasetImage>();
        foreach (var image in imagesJson.EnumerateArray())
        {
            long id = image.GetProperty("id").GetInt64();
            string file = Path.Combine(folder, image.GetProperty("file_name").GetString() ?? "");
            images.Add(new DatasetImage(file, id, objectsByImage.TryGetValue(id, out var objects) ? objects : [], Normalized: false));
        }

        images.Sort((p, q) => p.CocoId.CompareTo(q.CocoId));
        return new DetectionDataset(jsonPath, DatasetFormat.Coco, modelClassNames, images) { CategoryIds = categoryIds, Notes = notes };
    }

    private static Dictionary<long, int> MapCategories(JsonElement categories, IReadOnlyList<string> modelClassNames, List<string> notes, out Dictionary<int, long> categoryIds)
    {
        var classByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < modelClassNames.Count; i++)
        {
            classByName.TryAdd(modelClassNames[i], i);
        }

        var map = new Dictionary<long, int>();
        categoryIds = [];
        foreach (var category in categories.EnumerateArray())
        {
            long id = category.GetProperty("id").GetInt64();
            string name = category.GetProperty("name").GetString() ?? "";
            if (classByName.TryGetValue(name, out int classId))
            {
                map[id] = classId;
                categoryIds[classId] = id;
            }
            else
            {
                notes.Add($"category {id} '{name}' is not a class of the model");
            }
        }

        if (map.Count == 0)
        {
            throw new InvalidDataException(modelClassNames.Count == 0
                ? "the model has no class names in its metadata, so COCO categories cannot be mapped to its classes"
                : "no COCO category name matches a class name of the model");
        }

        return map;
    }

    private static string FindImagesFolder(string jsonPath)
    {
        string jsonFolder = Path.GetDirectoryName(Path.GetFullPath(jsonPath))!;
        string parent = Path.GetDirectoryName(jsonFolder) ?? jsonFolder;
        string stem = Path.GetFileNameWithoutExtension(jsonPath);
        string split = stem.StartsWith("instances_", StringComparison.Ordinal) ? stem["instances_".Length..] : stem;
        string[] candidates = [Path.Combine(parent, "images", split), Path.Combine(parent, split), Path.Combine(parent, "images"), Path.Combine(jsonFolder, "images"), jsonFolder];
        return candidates.FirstOrDefault(Directory.Exists) ?? jsonFolder;
    }
}
