namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// Every channel the analysis sees is an element of a union-find: a Conv's output channel, a graph input's channel, a
/// channel of an op the analysis cannot see through. Ops that make two channels the same channel (a residual Add, x *
/// sigmoid(x)) unite their elements, so a component is the set of channels that must be removed together. Elements
/// are also closed (never removed) with the first reason that closed them.
/// </summary>
public sealed class ChannelElements
{
    private readonly List<int> _parent = [];
    private readonly List<int> _sourceOf = [];
    private readonly List<int> _channelOf = [];
    private readonly Dictionary<int, string> _closed = [];

    /// <summary>The source each element was created by, in creation order.</summary>
    public List<ChannelSource> Sources { get; } = [];

    public int Count => _parent.Count;

    /// <summary>Creates <paramref name="channels"/> new elements for a source and returns their ids in channel order.</summary>
    public int[] NewSource(ChannelSource source, int channels)
    {
        int index = Sources.Count;
        Sources.Add(source);
        var ids = new int[channels];
        for (int c = 0; c < channels; c++)
        {
            ids[c] = _parent.Count;
            _parent.Add(ids[c]);
            _sourceOf.Add(index);
            _channelOf.Add(c);
        }

        if (source.Closed is { } reason)
        {
            foreach (int id in ids)
            {
                Close(id, reason);
            }
        }

        return ids;
    }

    public ChannelSource SourceOf(int element) => Sources[_sourceOf[element]];

    /// <summary>The element's channel index inside its source.</summary>
    public int ChannelOf(int element) => _channelOf[element];

    public int Find(int element)
    {
        int root = element;
        while (_parent[root] != root)
        {
            root = _parent[root];
        }

        while (_parent[element] != root)
        {
            int next = _parent[element];
            _parent[element] = root;
            element = next;
        }

        return root;
    }

    public void Union(int a, int b)
    {
        int ra = Find(a), rb = Find(b);
        if (ra != rb)
        {
            // The smaller id stays root so that components are numbered stably in graph order.
            _parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }

    public void Close(int element, string reason) => _closed.TryAdd(element, reason);

    public void Close(IEnumerable<int> elements, string reason)
    {
        foreach (int e in elements)
        {
            Close(e, reason);
        }
    }

    /// <summary>Why each closed component (by root) is closed; call after every union.</summary>
    public Dictionary<int, string> ClosedRoots()
    {
        var roots = new Dictionary<int, string>();
        foreach (var (element, reason) in _closed.OrderBy(p => p.Key))
        {
            roots.TryAdd(Find(element), reason);
        }

        return roots;
    }
}
