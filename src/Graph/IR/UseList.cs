using System.Collections;

namespace OnnxOpt.Graph.IR;

/// <summary>
/// A read-only view of a value's uses. Count, the first use and enumeration are cheap; the indexer walks the list
/// (O(index)), which suits the common <c>Uses[0]</c> and is why use lists are enumerated rather than indexed.
/// </summary>
internal sealed class UseList(LinkedList<Use> uses) : IReadOnlyList<Use>
{
    public int Count => uses.Count;

    public Use this[int index]
    {
        get
        {
            if ((uint)index >= (uint)uses.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"the value has {uses.Count} uses");
            }

            var node = uses.First!;
            for (int i = 0; i < index; i++)
            {
                node = node.Next!;
            }

            return node.Value;
        }
    }

    public IEnumerator<Use> GetEnumerator() => uses.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
