namespace OnnxOpt.Graph.Serialization;

/// <summary>
/// Decides whether two paths name the same file: absolute form with every symbolic link along the way
/// resolved, compared case-insensitively where the file system usually is (Windows, macOS).
/// </summary>
public static class PathIdentity
{
    private static readonly StringComparison Comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    public static bool Same(string a, string b) => string.Equals(Canonical(a), Canonical(b), Comparison);

    /// <summary>Like <see cref="Same"/>, and also true for two names of one file through hard links (same device and inode).</summary>
    public static bool SameFile(string a, string b)
    {
        if (Same(a, b))
        {
            return true;
        }

        var x = FileStatus.Of(a);
        var y = FileStatus.Of(b);
        return x.Kind != FileKind.Missing && x.Inode != 0 && x.Device == y.Device && x.Inode == y.Inode;
    }

    /// <summary>The absolute path with symbolic links resolved (components that do not exist yet are kept as written).</summary>
    public static string Canonical(string path) => Canonical(path, depth: 0);

    private static string Canonical(string path, int depth)
    {
        string full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full) ?? string.Empty;
        string current = root;
        foreach (string part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.Exists && info.LinkTarget is not null && depth < 32 && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                current = Canonical(target.FullName, depth + 1);
            }
        }

        return current;
    }
}
