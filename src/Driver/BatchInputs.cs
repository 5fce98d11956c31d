namespace OnnxOpt.Driver;

/// <summary>
/// Expands batch inputs: a file is taken as is, a folder contributes its *.onnx files (not recursive), and a
/// pattern with `*`/`?` in its last part matches files in its folder (`**/` before it searches subfolders).
/// Results are sorted and de-duplicated so runs are reproducible.
/// </summary>
public static class BatchInputs
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> inputs)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                files.UnionWith(Directory.EnumerateFiles(input, "*.onnx").Select(Path.GetFullPath));
                continue;
            }

            if (input.IndexOfAny(['*', '?']) >= 0)
            {
                bool recursive = input.Contains("**", StringComparison.Ordinal);
                string pattern = Path.GetFileName(input);
                string folder = Path.GetDirectoryName(input.Replace("**/", string.Empty, StringComparison.Ordinal).Replace("**", string.Empty, StringComparison.Ordinal)) is { Length: > 0 } d ? d : ".";
                if (folder.IndexOfAny(['*', '?']) >= 0)
                {
                    throw new ArgumentException($"'{input}': wildcards are allowed only in the file name (and '**/' before it)");
                }

                if (Directory.Exists(folder))
                {
                    files.UnionWith(Directory.EnumerateFiles(folder, pattern, recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly).Select(Path.GetFullPath));
                }

                continue;
            }

            if (!File.Exists(input))
            {
                throw new FileNotFoundException($"input '{input}' does not exist");
            }

            files.Add(Path.GetFullPath(input));
        }

        return files.ToList();
    }
}
