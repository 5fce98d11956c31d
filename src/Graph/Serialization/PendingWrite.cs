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
    private int _committed;

    internal PendingWrite(params (string Temporary, string Destination)[] files)
    {
        _files = files;
        Bytes = files.Sum(f => new FileInfo(f.Temporary).Length);
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

        var combined = new PendingWrite([.. first._files, .. second._files]);

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
