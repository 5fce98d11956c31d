namespace OnnxOpt.Benchmarks;

/// <summary>
/// Finds benchmark inputs in the project's shared data (ONNXOPT_SHARED, or a shared folder beside the checkout).
/// The real exports are not ours to ship, so the benchmarks stop with a clear message when they are absent.
/// </summary>
public static class SharedFixture
{
    public const string YoloV8n = "fixtures/ultralytics/yolov8n.onnx";

    /// <summary>The full path of <paramref name="relativePath"/> under the shared folder, or null.</summary>
    public static string? Find(string relativePath)
    {
        string? root = Root();
        if (root is null)
        {
            return null;
        }

        string path = Path.Combine(root, relativePath);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Like <see cref="Find"/>, but exits the process with status 1 and a one-line error when the file is missing.</summary>
    public static string Require(string relativePath)
    {
        if (Find(relativePath) is { } path)
        {
            return path;
        }

        Console.Error.WriteLine($"error: benchmark input '{relativePath}' not found: set ONNXOPT_SHARED to the shared data folder or place it at ../shared beside the checkout");
        Environment.Exit(1);
        return string.Empty;
    }

    private static string? Root()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("ONNXOPT_SHARED");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return Directory.Exists(fromEnv) ? Path.GetFullPath(fromEnv) : null;
        }

        // BenchmarkDotNet runs a generated copy below bin/, so walk up until the checkout's solution file.
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OnnxOpt.sln")))
                {
                    string candidate = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared");
                    return Directory.Exists(candidate) ? candidate : null;
                }
            }
        }

        return null;
    }
}
