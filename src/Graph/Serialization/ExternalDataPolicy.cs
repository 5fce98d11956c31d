namespace OnnxOpt.Graph.Serialization;

/// <summary>
/// What the reader accepts as external data beyond its fixed rules (relative paths inside the model's folder, no
/// symbolic links, regular files only). A data file with more than one hard link is refused by default: a hard link
/// inside the folder may be a file from anywhere on the same file system, and nothing in the folder shows it.
/// </summary>
public static class ExternalDataPolicy
{
    private static readonly AsyncLocal<bool> Allowed = new();

    /// <summary>Accept data files with several hard links (the CLI's <c>--allow-hardlinks</c>); per async flow, so parallel callers do not leak it to each other.</summary>
    public static bool AllowHardLinks
    {
        get => Allowed.Value;
        set => Allowed.Value = value;
    }
}
