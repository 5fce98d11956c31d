namespace OnnxOpt.Graph.Serialization;

/// <summary>Writes a file through a temporary file in the same folder and a rename, so a failed write never leaves a half file behind.</summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        using var pending = WritePending(path, write);
        pending.Commit();
    }

    /// <summary>Writes the temporary file only; the caller commits (renames) or disposes (deletes) it.</summary>
    public static PendingWrite WritePending(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: false);
            }

            return new PendingWrite((temp, full));
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
