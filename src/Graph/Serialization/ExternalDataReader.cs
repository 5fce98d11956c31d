using Microsoft.Win32.SafeHandles;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.Serialization;

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
        if (Array.IndexOf(parts, "..") >= 0)
        {
            throw new OnnxFormatException($"tensor '{tensorName}': external data location '{location}' escapes the model's folder (it uses '..')");
        }

        string root = Path.GetFullPath(baseDirectory);
        string full = Path.GetFullPath(Path.Combine(root, Path.Combine(parts)));
        if (!full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new OnnxFormatException($"tensor '{tensorName}': external data location '{location}' escapes the model's folder");
        }

        // Walk every component below the model's folder: a symbolic link could point anywhere. LinkTarget is
        // read with lstat, so dangling links and links to folders are caught too.
        string current = root;
        foreach (var part in parts)
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            current = Path.Combine(current, part);
            if (new FileInfo(current).LinkTarget is not null)
            {
                throw new OnnxFormatException($"tensor '{tensorName}': external data location '{location}' goes through a symbolic link, which is refused");
            }
        }

        var file = new FileInfo(full);
        var status = FileStatus.Of(full, followLinks: false);
        if (status.Kind == FileKind.Missing)
        {
            throw new OnnxFormatException($"tensor '{tensorName}': external data file '{location}' does not exist");
        }

        // A FIFO would block the reader until some writer comes, a device never ends: only regular files hold weights.
        if (!status.IsRegular)
        {
            throw new OnnxFormatException($"tensor '{tensorName}': external data location '{location}' is {status.Description}; only regular files are read");
        }

        // A hard link is indistinguishable from the file it links to, which may lie outside the model's folder.
        if (status.LinkCount > 1 && !ExternalDataPolicy.AllowHardLinks)
        {
            throw new OnnxFormatException($"tensor '{tensorName}': external data file '{location}' has {status.LinkCount} hard links, so it may be a file from outside the model's folder; refused (pass --allow-hardlinks to accept it)");
        }

        if (offset < 0 || length is < 0)
        {
            throw new OnnxFormatException($"tensor '{tensorName}': negative external data offset or length");
        }

        long fileLength = file.Length;
        long actual = length ?? Math.Max(0, fileLength - offset);
        if (actual != expectedLength)
        {
            throw new OnnxFormatException($"tensor '{tensorName}': external data length {actual} does not match the {expectedLength} bytes its type and shape need");
        }

        // Written as a subtraction so that a huge offset cannot overflow past the check.
        if (offset > fileLength - actual)
        {
            throw new OnnxFormatException($"tensor '{tensorName}': external data file '{location}' is too short ({fileLength} bytes; the tensor needs {actual} bytes at offset {offset})");
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

        var buffer = GC.AllocateUninitializedArray<byte>((int)location.Length);
        try
        {
            using var handle = File.OpenHandle(location.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
            int done = 0;
            while (done < buffer.Length)
            {
                int read = RandomAccess.Read(handle, buffer.AsSpan(done), location.Offset + done);
                if (read == 0)
                {
                    throw new OnnxFormatException($"external data file '{location.RelativeLocation}' ended early (it changed after the model was loaded)");
                }

                done += read;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OnnxFormatException($"cannot read external data file '{location.RelativeLocation}': {e.Message}", e);
        }

        return buffer;
    }

    /// <summary>Streams the block to <paramref name="destination"/> in chunks, never holding it whole.</summary>
    public static void CopyTo(ExternalDataLocation location, Stream destination)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(location.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OnnxFormatException($"cannot read external data file '{location.RelativeLocation}': {e.Message}", e);
        }

        using (handle)
        {
            var buffer = new byte[(int)Math.Min(1 << 20, Math.Max(1, location.Length))];
            long done = 0;
            while (done < location.Length)
            {
                int read = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, location.Length - done)), location.Offset + done);
                if (read == 0)
                {
                    throw new OnnxFormatException($"external data file '{location.RelativeLocation}' ended early (it changed after the model was loaded)");
                }

                destination.Write(buffer, 0, read);
                done += read;
            }
        }
    }
}
