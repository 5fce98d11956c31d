namespace OnnxOpt.Graph;

/// <summary>
/// Resolves and reads tensor data stored beside a model. Locations are untrusted input: absolute paths,
/// paths that leave the model's folder and paths through symbolic links are refused.
/// </summary>
public static class ExternalDataReader
{
    /// <summary>Checks a location from a model file and returns where its bytes are; throws <see cref="OnnxFormatException"/> when unsafe or missing.</summary>
    public static ExternalDataLocation Resolve(string? baseDirectory, string tensorName, string location, long offset, long? length, long expectedLength)
    {
        if (baseDirectory is null)
        {
            throw new OnnxFormatException($"tensor '{tensorName}' keeps its data in external file '{location}'; load the model from a path so the file can be found");
        }

        if (location.Length == 0 || Path.IsPathRooted(location) || location.Contains('\0') || location.Contains(':'))
        {
            throw new OnnxFormatException($"tensor '{tensorName}': external data location '{location}' must be a relative path inside the model's folder");
        }

        var parts = location.Split('/', '\\');
        if (parts.Any(p => p == ".."))
        {
            throw new OnnxFormatException($"tensor '{tensorName}': external data location '{location}' escapes the model's folder");
        }

        string root = Path.GetFullPath(baseDirectory);
        string full = Path.GetFullPath(Path.Combine(root, Path.Combine(parts)));
        if (!full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new OnnxFormatException($"tensor '{tensorName}': external data location '{location}' escapes the model's folder");
        }

        // Walk every component below the model's folder: a symbolic link could point anywhere.
        string current = root;
        foreach (var part in parts.Where(p => p.Length > 0 && p != "."))
        {
            current = Path.Combine(current, part);
            var info = new FileInfo(current);
            if (info.Exists || Directory.Exists(current))
            {
                if ((File.GetAttributes(current) & FileAttributes.ReparsePoint) != 0)
                {
                    throw new OnnxFormatException($"tensor '{tensorName}': external data location '{location}' goes through a symbolic link, which is refused");
                }
            }
        }

        var file = new FileInfo(full);
        if (!file.Exists)
        {
            throw new OnnxFormatException($"tensor '{tensorName}': external data file '{location}' does not exist");
        }

        if (offset < 0 || (length is < 0))
        {
            throw new OnnxFormatException($"tensor '{tensorName}': negative external data offset or length");
        }

        long actual = length ?? (file.Length - offset);
        if (actual != expectedLength)
        {
            throw new OnnxFormatException($"tensor '{tensorName}': external data length {actual} does not match the {expectedLength} bytes its type and shape need");
        }

        if (offset + actual > file.Length)
        {
            throw new OnnxFormatException($"tensor '{tensorName}': external data file '{location}' is too short ({file.Length} bytes, need {offset + actual})");
        }

        return new ExternalDataLocation(full, location, offset, actual);
    }

    /// <summary>Reads the whole block into memory (tensors over 2 GB must be streamed instead, see <see cref="CopyTo"/>).</summary>
    public static byte[] ReadAll(ExternalDataLocation location)
    {
        if (location.Length > Array.MaxLength)
        {
            throw new OnnxFormatException($"external tensor in '{location.RelativeLocation}' is {location.Length} bytes, too large to hold in one buffer");
        }

        var buffer = new byte[location.Length];
        using var stream = new FileStream(location.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
        stream.Position = location.Offset;
        stream.ReadExactly(buffer);
        return buffer;
    }

    /// <summary>Streams the block to <paramref name="destination"/> in chunks, never holding it whole.</summary>
    public static void CopyTo(ExternalDataLocation location, Stream destination)
    {
        using var stream = new FileStream(location.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        stream.Position = location.Offset;
        var buffer = new byte[1 << 20];
        long left = location.Length;
        while (left > 0)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                throw new OnnxFormatException($"external data file '{location.RelativeLocation}' ended early");
            }

            destination.Write(buffer, 0, read);
            left -= read;
        }
    }
}
