namespace OnnxOpt.TestSupport;

/// <summary>Finds files of the checkout (the folder holding OnnxOpt.sln) from a test binary, e.g. committed fixtures.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(Locate);

    public static string Root => RootPath.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "OnnxOpt.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no OnnxOpt.sln above {AppContext.BaseDirectory}");
    }
}
