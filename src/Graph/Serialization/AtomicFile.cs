using System.Diagnostics;

namespace OnnxOpt.Graph.Serialization;

/// <summary>
/// Writes a file through a temporary file in the same folder and a rename, so a failed write never leaves a half
/// file behind. A symbolic link is followed (the file it points at is replaced, the link stays); a FIFO or device is
/// written in place, since renaming over it would replace the special file instead of writing to it.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Test seam for fault injection: when set, wraps the stream each temporary file is written through (a stream
    /// that fails with ENOSPC after N bytes simulates a full disk). Scoped to the async flow that sets it, so tests
    /// running in parallel in one process do not see each other's faults.
    /// </summary>
    internal static AsyncLocal<Func<Stream, Stream>?> StreamFilter { get; } = new();

    public static void Write(string path, Action<Stream> write)
    {
        using var pending = WritePending(path, write);
        pending.Commit();
    }

    /// <summary>Writes the temporary file only; the caller commits (renames) or disposes (deletes) it.</summary>
    public static PendingWrite WritePending(string path, Action<Stream> write)
    {
        // Checked on the path as given: /dev/stdout links to /proc/self/fd/1, whose target is no path at all.
        if (FileStatus.Of(path).IsSpecial)
        {
            using var direct = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
            write(direct);
            direct.Flush();
            return PendingWrite.Done(0);
        }

        string full = PathIdentity.Canonical(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(folder);
        RemoveStaleTemporaries(folder, Path.GetFileName(full));
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var stream = StreamFilter.Value?.Invoke(file) ?? file;
                write(stream);
                stream.Flush();
                file.Flush(flushToDisk: false);
            }

            return new PendingWrite((temp, full));
        }
        catch (IOException e)
        {
            File.Delete(temp);

            // Name the file the user asked for, not the temporary one (a full disk: "No space left on device : 'out.onnx'").
            throw new IOException(e.Message.Replace(temp, path, StringComparison.Ordinal), e) { HResult = e.HResult };
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// Deletes temporary files of earlier writes to the same name whose process is gone (killed mid-write). A
    /// temporary file of a process still running is left alone: it may be writing right now.
    /// </summary>
    public static void RemoveStaleTemporaries(string folder, string fileName)
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(folder, $".{fileName}.*.tmp").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (string temp in candidates)
        {
            // .NAME.PID.GUID.tmp, read from the end: the pattern also matches the temporaries of NAME's external data
            // files (.NAME.data.PID.GUID.tmp, .NAME.1a2b3c4d.data.PID.GUID.tmp), whose random part differs per run,
            // so only a write of NAME itself ever meets them again.
            string[] fields = Path.GetFileName(temp)[(fileName.Length + 2)..].Split('.');
            if (fields.Length < 3 || !int.TryParse(fields[^3], out int pid) || fields[^2].Length != 32 || IsRunning(pid))
            {
                continue;
            }

            try
            {
                File.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Someone else's file we cannot remove: leave it.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
