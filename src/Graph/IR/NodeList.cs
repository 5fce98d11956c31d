using System.Collections;

namespace OnnxOpt.Graph.IR;

/// <summary>
/// The nodes of a graph in order: a doubly linked list, so appending, inserting before or after a node and
/// removing a node are O(1). Enumeration is stable under mutation (as in onnx-ir): a node removed while being
/// enumerated keeps its place for the enumerator, which goes on with the nodes after it; nodes inserted after the
/// current one are visited, nodes inserted before it are not. The indexer and <see cref="IndexOf"/> read a
/// position table that is rebuilt (O(n)) on the first positional read after a change, so a loop of positional
/// reads without edits stays linear; mixing positional reads with edits costs O(n) per edit.
/// </summary>
public sealed class NodeList : IReadOnlyList<Node>
{
    // The sentinel closes the ring: _head.Next is the first node, _head.Previous the last.
    private readonly NodeLink _head = new(null);
    private Node[]? _positions;
    private int _count;

    internal NodeList()
    {
        _head.Next = _head;
        _head.Previous = _head;
    }

    public int Count => _count;

    /// <summary>The node at <paramref name="index"/>; O(1) while the graph is not edited in between (see the type's remarks).</summary>
    public Node this[int index]
    {
        get
        {
            var positions = Positions();
            if ((uint)index >= (uint)positions.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"the graph has {positions.Length} nodes");
            }

            return positions[index];
        }
    }

    public Node? First => _count == 0 ? null : _head.Next!.Node;

    public Node? Last => _count == 0 ? null : _head.Previous!.Node;

    /// <summary>The position of <paramref name="node"/>, or -1 when it is not in this list; O(1) between edits.</summary>
    public int IndexOf(Node node)
    {
        if (node.Link is not { Erased: false } link || !ReferenceEquals(link.Owner, this))
        {
            return -1;
        }

        Positions();
        return link.Position;
    }

    public bool Contains(Node node) => node.Link is { Erased: false } link && ReferenceEquals(link.Owner, this);

    /// <summary>A copy of the current order (O(n)): for code that needs positions while it edits the graph.</summary>
    public Node[] Snapshot() => (Node[])Positions().Clone();

    /// <summary>The nodes from last to first, stable under mutation like forward enumeration.</summary>
    public IEnumerable<Node> Reversed()
    {
        for (var link = _head.Previous!; !ReferenceEquals(link, _head); link = link.Previous!)
        {
            if (!link.Erased)
            {
                yield return link.Node!;
            }
        }
    }

    public IEnumerator<Node> GetEnumerator()
    {
        for (var link = _head.Next!; !ReferenceEquals(link, _head); link = link.Next!)
        {
            if (!link.Erased)
            {
                yield return link.Node!;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void AddLast(Node node) => LinkAfter(_head.Previous!, node);

    internal void AddFirst(Node node) => LinkAfter(_head, node);

    internal void InsertBefore(Node anchor, Node node) => LinkAfter(LiveLink(anchor).Previous!, node);

    internal void InsertAfter(Node anchor, Node node) => LinkAfter(LiveLink(anchor), node);

    /// <summary>Inserts at a position: O(1) at either end, else O(index).</summary>
    internal void InsertAt(int index, Node node)
    {
        if ((uint)index > (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the graph has {_count} nodes");
        }

        if (index == _count)
        {
            AddLast(node);
            return;
        }

        var link = _head.Next!;
        for (int i = 0; i < index; i++)
        {
            link = link.Next!;
        }

        LinkAfter(link.Previous!, node);
    }

    internal void Remove(Node node)
    {
        var link = LiveLink(node);

        // The erased link keeps its own Next and Previous, so an enumerator standing on it walks on to live nodes.
        link.Erased = true;
        link.Previous!.Next = link.Next;
        link.Next!.Previous = link.Previous;
        node.Link = null;
        _count--;
        _positions = null;
    }

    /// <summary>Replaces the whole order (the caller checked that <paramref name="order"/> holds exactly these nodes).</summary>
    internal void Reset(IReadOnlyList<Node> order)
    {
        foreach (var node in order)
        {
            if (node.Link is { } old)
            {
                old.Erased = true;
                node.Link = null;
            }
        }

        // Erased links of the old order still point into it, so an enumerator of the old order ends there.
        _head.Next = _head;
        _head.Previous = _head;
        _count = 0;
        foreach (var node in order)
        {
            AddLast(node);
        }
    }

    private void LinkAfter(NodeLink previous, Node node)
    {
        if (node.Link is { Erased: false })
        {
            throw new IRException($"node '{node.Name}' is already in a graph");
        }

        // A fresh link for every insertion: an erased link may still be held by an enumerator.
        var link = new NodeLink(node) { Owner = this, Previous = previous, Next = previous.Next };
        previous.Next!.Previous = link;
        previous.Next = link;
        node.Link = link;
        _count++;
        _positions = null;
    }

    private NodeLink LiveLink(Node node)
    {
        if (node.Link is not { Erased: false } link || !ReferenceEquals(link.Owner, this))
        {
            throw new IRException($"node '{node.Name}' is not in this graph");
        }

        return link;
    }

    private Node[] Positions()
    {
        if (_positions is not null)
        {
            return _positions;
        }

        var positions = new Node[_count];
        int i = 0;
        for (var link = _head.Next!; !ReferenceEquals(link, _head); link = link.Next!)
        {
            link.Position = i;
            positions[i++] = link.Node!;
        }

        _positions = positions;
        return positions;
    }
}

/// <summary>A node's place in a <see cref="NodeList"/>; a new one per insertion, so that enumerators never see a moved node twice.</summary>
internal sealed class NodeLink(Node? node)
{
    public Node? Node { get; } = node;

    public NodeList? Owner { get; init; }

    public NodeLink? Previous { get; set; }

    public NodeLink? Next { get; set; }

    public bool Erased { get; set; }

    public int Position { get; set; }
}
