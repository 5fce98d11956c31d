using OnnxOpt.Evaluation.Datasets;
using OnnxOpt.Evaluation.Tests.Preprocessing;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Evaluation.Tests.Datasets;

public sealed class DatasetTests
{
    private static readonly string[] ModelNames = ["person", "car", "dog"];

    /// <summary>dataset/images/{000001,000002,bg}.png and labels for the first two (the third is a background image).</summary>
    private static string MakeYoloFolder(TempDirectory dir)
    {
        string root = dir.File("dataset");
        Directory.CreateDirectory(Path.Combine(root, "images"));
        Directory.CreateDirectory(Path.Combine(root, "labels"));
        foreach (var name in new[] { "000001", "000002", "bg" })
        {
            using var bitmap = TestImages.TwoColour(40, 20);
            TestImages.Save(bitmap, Path.Combine(root, "images", name + ".png"));
        }

        File.WriteAllLines(Path.Combine(root, "labels", "000001.txt"), ["0 0.5 0.5 0.5 0.5", "2 0.25 0.25 0.1 0.2"]);
        File.WriteAllLines(Path.Combine(root, "labels", "000002.txt"), ["1 0.1 0.2 0.3 0.2 0.3 0.6 0.1 0.6", "", "9 0.5 0.5 0.1 0.1", "x 1 2 3 4"]);
        return root;
    }

    [Fact]
    public void Yolo_folder_pairs_images_with_labels_and_keeps_background_images()
    {
        using var dir = new TempDirectory();
        string root = MakeYoloFolder(dir);

        var dataset = DetectionDataset.Open(root, ModelNames);

        Assert.Equal(DatasetFormat.Yolo, dataset.Format);
        Assert.Equal(["000001.png", "000002.png", "bg.png"], dataset.Images.Select(i => i.Name));
        Assert.Equal([1L, 2, 2], dataset.Images.Select(i => i.CocoId));
        Assert.Empty(dataset.Images[2].Objects);

        // Normalised centre boxes become pixels of the decoded image.
        var objects = dataset.Images[0].ObjectsInPixels(40, 20);
        Assert.Equal((0, 10f, 5f, 30f, 15f), (objects[0].ClassId, objects[0].X1, objects[0].Y1, objects[0].X2, objects[0].Y2));
        Assert.Equal(2, objects[1].ClassId);

        // A polygon label becomes its bounding box; an unknown class and a bad line are skipped and noted.
        var polygon = Assert.Single(dataset.Images[1].Objects);
        Assert.Equal((1, 0.1f, 0.2f, 0.3f, 0.6f), (polygon.ClassId, polygon.X1, polygon.Y1, polygon.X2, polygon.Y2));
        Assert.Equal(2, dataset.Notes.Count);
        Assert.StartsWith("1 label lines name a class beyond the 3 class names", dataset.Notes[0], StringComparison.Ordinal);
        Assert.Contains("000002.txt:3", dataset.Notes[0], StringComparison.Ordinal);
        Assert.Contains("000002.txt:4", dataset.Notes[1], StringComparison.Ordinal);
        Assert.Single(dataset.Take(1).Images);
    }

    [Fact]
    public void Data_yaml_names_the_val_folder_and_the_classes()
    {
        using var dir = new TempDirectory();
        string root = MakeYoloFolder(dir);
        string yaml = dir.File("data.yaml");
        File.WriteAllLines(yaml,
        [
            "# a dataset",
            "path: dataset  # relative to this file",
            "train: images",
            "val: images",
            "names:",
            "  0: person",
            "  1: 'car'",
            "  2: \"hot dog\"",
        ]);

        var dataset = DetectionDataset.Open(yaml, ["x"]);

        Assert.Equal(["person", "car", "hot dog"], dataset.ClassNames);
        Assert.Equal(3, dataset.Images.Count);
        Assert.StartsWith(Path.Combine(root, "images"), dataset.Images[0].Path, StringComparison.Ordinal);

        File.WriteAllLines(yaml, ["path: dataset", "val: [images]", "names: ['a', 'b', 'c']"]);
        Assert.Equal(["a", "b", "c"], DetectionDataset.Open(yaml, ["x"]).ClassNames);

        File.WriteAllLines(yaml, ["path: dataset", "val: missing", "names: ['a']"]);
        Assert.Contains("do not exist", Assert.Throws<InvalidDataException>(() => DetectionDataset.Open(yaml, ["x"])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_paths_follow_ultralytics()
    {
        string image = Path.Combine("/data", "coco", "images", "val2017", "000000000139.jpg");
        Assert.Equal(Path.Combine("/data", "coco", "labels", "val2017", "000000000139.txt"), YoloDataset.LabelPathOf(image));
    }

    [Fact]
    public void Coco_json_maps_categories_by_name_and_keeps_crowds_and_areas()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("annotations"));
        Directory.CreateDirectory(Path.Combine(dir.Path, "images", "val"));
        string json = Path.Combine(dir.Path, "annotations", "instances_val.json");
        File.WriteAllText(json, """
        {
          "images": [{"id": 42, "file_name": "a.jpg", "width": 40, "height": 20}, {"id": 7, "file_name": "b.jpg", "width": 40, "height": 20}],
          "annotations": [
            {"id": 1, "image_id": 42, "category_id": 18, "bbox": [1, 2, 10, 5], "area": 33.5, "iscrowd": 0},
            {"id": 2, "image_id": 42, "category_id": 1, "bbox": [0, 0, 40, 20], "area": 500, "iscrowd": 1},
            {"id": 3, "image_id": 7, "category_id": 99, "bbox": [0, 0, 4, 4], "area": 16, "iscrowd": 0}
          ],
          "categories": [{"id": 1, "name": "person"}, {"id": 18, "name": "dog"}, {"id": 99, "name": "unicorn"}]
        }
        """);

        var dataset = DetectionDataset.Open(json, ModelNames);

        Assert.Equal(DatasetFormat.Coco, dataset.Format);
        Assert.Equal([7L, 42], dataset.Images.Select(i => i.CocoId));
        Assert.Equal(Path.Combine(dir.Path, "images", "val", "a.jpg"), dataset.Images[1].Path);
        Assert.Empty(dataset.Images[0].Objects);
        var objects = dataset.Images[1].ObjectsInPixels(40, 20);
        Assert.Equal((2, 1f, 2f, 11f, 7f, false, 33.5), (objects[0].ClassId, objects[0].X1, objects[0].Y1, objects[0].X2, objects[0].Y2, objects[0].IsCrowd, objects[0].RangeArea));
        Assert.True(objects[1].IsCrowd);
        Assert.Equal((18L, 1L, 1L), (dataset.CategoryIdOf(2), dataset.CategoryIdOf(0), dataset.CategoryIdOf(1)));
        Assert.Contains(dataset.Notes, n => n.Contains("unicorn", StringComparison.Ordinal));
        Assert.Contains(dataset.Notes, n => n.Contains("1 annotations", StringComparison.Ordinal));

        Assert.Contains("no COCO category", Assert.Throws<InvalidDataException>(() => DetectionDataset.Open(json, ["zebra"])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_and_unknown_paths_are_reported()
    {
        using var dir = new TempDirectory();
        Assert.Throws<FileNotFoundException>(() => DetectionDataset.Open(dir.File("nothing"), ModelNames));
        File.WriteAllText(dir.File("list.csv"), "");
        Assert.Throws<InvalidDataException>(() => DetectionDataset.Open(dir.File("list.csv"), ModelNames));
        Assert.Contains("no images", Assert.Throws<InvalidDataException>(() => DetectionDataset.Open(dir.Path, ModelNames)).Message, StringComparison.Ordinal);
    }
}
