namespace OnnxOpt.Graph.Serialization;

/// <summary>
/// Files already written under temporary names beside their destinations, waiting to be renamed into place.
/// <see cref="Commit"/> renames them in order (an external-data file before the model that points at it);
/// disposing deletes whatever was not renamed, so a failure never leaves a half-written output behind.
/// </summary>
/// <remarks>
/// Splitting the write from the rename lets a caller rename on another thread. That matters on ext4: renaming
/// over an existing file makes the kernel start writing the new file to disk inside the rename call
/// (auto_da_alloc), so replacing a file waits for the disk while writing a new one does not.
/// </remarks>
public sealed class PendingWrite : IDisposable
{
    private readonly (string Temporary, string Destination)[] _files;
    private readonly string[] _obsolete;
    private int _committed;

    internal PendingWrite(params (string Temporary, string Destination)[] files)
        : this(files, [], files.Sum(f => new FileInfo(f.Temporary).Length))
    {
    }

    private PendingWrite((string Temporary, string Destination)[] files, string[] obsolete, long bytes)
    {
        _files = files;
        _obsolete = obsolete;
        Bytes = bytes;
    }

    /// <summary>A write that already happened in place (a FIFO or device): nothing is left to rename.</summary>
    internal static PendingWrite Done(long bytes) => new([], [], bytes);

    /// <summary>The same write, deleting <paramref name="obsolete"/> once every file is in place (the data file an older model at the destination pointed at).</summary>
    internal PendingWrite ThenDelete(IEnumerable<string> obsolete)
    {
        var copy = new PendingWrite(_files, [.. _obsolete, .. obsolete], Bytes) { _committed = _committed };
        _committed = _files.Length;
        return copy;
    }

    /// <summary>The final paths, in commit order.</summary>
    public IReadOnlyList<string> Destinations => _files.Select(f => f.Destination).ToArray();

    /// <summary>The total size of the written files.</summary>
    public long Bytes { get; }

    /// <summary>Two pending writes as one, committed first to last.</summary>
    public static PendingWrite Concat(PendingWrite first, PendingWrite second)
    {
        if (first._committed > 0 || second._committed > 0)
        {
            throw new InvalidOperationException("a pending write that has started committing cannot be combined");
        }

        var combined = new PendingWrite([.. first._files, .. second._files], [.. first._obsolete, .. second._obsolete], first.Bytes + second.Bytes);

        // The parts hand their files over: disposing them must no longer delete anything.
        first._committed = first._files.Length;
        second._committed = second._files.Length;
        return combined;
    }

    /// <summary>Renames every file into place, replacing what is there.</summary>
    public void Commit()
    {
        while (_committed < _files.Length)
        {
            var (temporary, destination) = _files[_committed];
            File.Move(temporary, destination, overwrite: true);
            _committed++;
            if (_committed == _files.Length)
            {
                DeleteObsolete();
            }
        }
    }

    /// <summary>Renames only the first <paramref name="count"/> files: tests use it to stand for a process killed between two renames.</summary>
    internal void CommitFirst(int count)
    {
        while (_committed < Math.Min(count, _files.Length))
        {
            var (temporary, destination) = _files[_committed];
            File.Move(temporary, destination, overwrite: true);
            _committed++;
        }
    }

    // Only after the last rename: until then the old files are what the old model on disk still needs.
    private void DeleteObsolete()
    {
        foreach (string path in _obsolete)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A leftover old data file wastes space but breaks nothing: the new model does not point at it.
            }
        }
    }

    public void Dispose()
    {
        for (int i = _committed; i < _files.Length; i++)
        {
            File.Delete(_files[i].Temporary);
        }

        _committed = _files.Length;
    }
}
