using System.Runtime.CompilerServices;

namespace OnnxOpt.Evaluation.Decoding;

/// <summary>
/// Raw-head candidates handed out best first without sorting them all: NMS usually stops after a few hundred
/// kept boxes, while a low confidence threshold (0.001) yields tens of thousands of candidates. Each candidate is
/// one 64-bit key: the score's bits inverted in the high half (positive floats order like their bits) and the
/// candidate's position in scan order in the low half, so keys are unique and ascending keys give falling scores
/// with equal scores in scan order: exactly the order of a stable sort by score.
/// </summary>
internal sealed class CandidateHeap
{
    private readonly List<ulong> _keys = [];
    private bool _built;

    public int Count => _keys.Count;

    /// <summary>Adds a candidate; <paramref name="score"/> must be positive and finite, <paramref name="position"/> unique.</summary>
    public void Add(float score, uint position) =>
        _keys.Add(((ulong)(uint.MaxValue - BitConverter.SingleToUInt32Bits(score)) << 32) | position);

    /// <summary>Removes the best remaining candidate (highest score, earliest position among equal scores).</summary>
    public bool TryTake(out float score, out uint position)
    {
        var heap = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_keys);
        if (!_built)
        {
            for (int i = (heap.Length / 2) - 1; i >= 0; i--)
            {
                SiftDown(heap, i);
            }

            _built = true;
        }

        if (heap.Length == 0)
        {
            (score, position) = (0, 0);
            return false;
        }

        ulong top = heap[0];
        heap[0] = heap[^1];
        _keys.RemoveAt(_keys.Count - 1);
        if (_keys.Count > 0)
        {
            SiftDown(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_keys), 0);
        }

        score = BitConverter.UInt32BitsToSingle(uint.MaxValue - (uint)(top >> 32));
        position = (uint)top;
        return true;
    }

    // Fully optimised from the first call: an evaluation of a few dozen images would otherwise run much of it in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SiftDown(Span<ulong> heap, int i)
    {
        ulong item = heap[i];
        while (true)
        {
            int child = (2 * i) + 1;
            if (child >= heap.Length)
            {
                break;
            }

            if (child + 1 < heap.Length && heap[child + 1] < heap[child])
            {
                child++;
            }

            if (heap[child] >= item)
            {
                break;
            }

            heap[i] = heap[child];
            i = child;
        }

        heap[i] = item;
    }
}
