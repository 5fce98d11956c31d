namespace OnnxOpt.Graph.Serialization;

/// <summary>
/// The one check every path the tool writes goes through, before any work starts: it is never an input or an
/// input's external data file (compared by file identity, so other spellings, symbolic and hard links are caught),
/// no two outputs are the same file, a file output is not a folder, and its folder can be written. Regular files
/// are then written through a temporary file and a rename (<see cref="AtomicFile"/>), symbolic links are followed,
/// and special files (FIFOs, devices) are written in place.
/// </summary>
public static class OutputPaths
{
    /// <summary>The name that means standard output where a target allows it.</summary>
    public const string StandardOutput = "-";

    /// <summary>Throws <see cref="UnsafeOutputException"/> on the first target that must not be written.</summary>
    public static void Check(IEnumerable<string> inputs, IEnumerable<OutputTarget> outputs)
    {
        var inputList = inputs.Distinct().ToList();
        var seen = new List<OutputTarget>();
        foreach (var target in outputs)
        {
            if (target.IsStdout)
            {
                continue;
            }

            if (target.Path.Length == 0 || target.Path.Contains('\0'))
            {
                throw new UnsafeOutputException($"{target.Role}: empty or invalid path");
            }

            if (inputList.FirstOrDefault(i => PathIdentity.SameFile(i, target.Path)) is { } input)
            {
                throw new UnsafeOutputException($"refusing to overwrite the input: {target.Role} '{target.Path}' is '{input}'; choose another path");
            }

            if (seen.FirstOrDefault(o => PathIdentity.SameFile(o.Path, target.Path)) is { } other)
            {
                throw new UnsafeOutputException($"{target.Role} '{target.Path}' is the same file as {other.Role} '{other.Path}'; give each output its own path");
            }

            if (target.IsFolder)
            {
                CheckFolder(target);
            }
            else
            {
                CheckFile(target);
            }

            seen.Add(target);
        }
    }

    private static void CheckFile(OutputTarget target)
    {
        string path = target.Path;
        if (path.EndsWith('/') || path.EndsWith(System.IO.Path.DirectorySeparatorChar) || FileStatus.Of(path).Kind == FileKind.Directory)
        {
            throw new UnsafeOutputException($"{target.Role} '{path}' is a folder; give a file path such as '{System.IO.Path.Combine(path, "model.onnx")}'");
        }

        var status = FileStatus.Of(path);
        if (status.IsSpecial)
        {
            // Written in place: nothing to create beside it.
            return;
        }

        string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(PathIdentity.Canonical(path))) ?? ".";
        CheckWritableFolder(target, folder);
    }

    private static void CheckFolder(OutputTarget target)
    {
        var status = FileStatus.Of(target.Path);
        if (status.Kind is not (FileKind.Missing or FileKind.Directory))
        {
            throw new UnsafeOutputException($"{target.Role} '{target.Path}' is {status.Description}, not a folder");
        }

        CheckWritableFolder(target, System.IO.Path.GetFullPath(target.Path));
    }

    // A folder that does not exist yet is created later; its nearest existing ancestor must be a writable folder.
    private static void CheckWritableFolder(OutputTarget target, string folder)
    {
        string existing = folder;
        while (FileStatus.Of(existing).Kind == FileKind.Missing && System.IO.Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        var status = FileStatus.Of(existing);
        if (status.Kind != FileKind.Directory)
        {
            throw new UnsafeOutputException($"{target.Role} '{target.Path}': '{existing}' is {status.Description}, not a folder");
        }

        string probe = System.IO.Path.Combine(existing, $".onnxopt-probe.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnsafeOutputException($"{target.Role} '{target.Path}': cannot write in '{existing}' ({e.Message.TrimEnd('.')})");
        }
    }
}
