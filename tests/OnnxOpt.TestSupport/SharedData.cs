namespace OnnxOpt.TestSupport;

/// <summary>
/// Finds the project's shared data (real Ultralytics exports, COCO images) through ONNXOPT_SHARED or a
/// ../shared folder beside the checkout. The data is not ours to ship, so tests that need it skip when absent.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(Locate);

    public static string? RootPath => Root.Value;

    public const string MissingMessage = "shared data not found: set ONNXOPT_SHARED or place the shared folder beside the checkout";

    /// <summary>The path of a file under the shared folder, or null when it is not there.</summary>
    public static string? Find(string relativePath)
    {
        if (Root.Value is null)
        {
            return null;
        }

        string path = Path.Combine(Root.Value, relativePath);
        return File.Exists(path) || Directory.Exists(path) ? path : null;
    }

    public static string? UltralyticsModel(string fileName) => Find(Path.Combine("fixtures", "ultralytics", fileName));

    /// <summary>The float Ultralytics exports, for theory data (empty when the shared folder is absent).</summary>
    public static IEnumerable<object[]> FloatExports() =>
        new[] { "yolov8n.onnx", "yolov8n_dynamic_shape.onnx", "yolov8n-seg_320.onnx" }.Select(f => new object[] { f });

    private static string? Locate()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("ONNXOPT_SHARED");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return Directory.Exists(fromEnv) ? Path.GetFullPath(fromEnv) : null;
        }

        // Walk up from the test binary to the checkout, then look beside it.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OnnxOpt.sln")))
            {
                string candidate = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared");
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
