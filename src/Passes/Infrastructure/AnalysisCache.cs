using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Infrastructure;

/// <summary>
/// Results of analyses (shape inference, use counts, hashes) computed on demand, keyed by result type, and kept
/// until a pass reports a change: the pass manager then drops those its <see cref="PassResult.Preserved"/> does not keep.
/// </summary>
public sealed class AnalysisCache
{
    private readonly Dictionary<Type, object> _results = [];

    public T Get<T>(Model model, Func<Model, T> compute)
        where T : notnull
    {
        if (_results.TryGetValue(typeof(T), out var cached))
        {
            return (T)cached;
        }

        var result = compute(model);
        _results[typeof(T)] = result;
        return result;
    }

    /// <summary>Whether a result of type <typeparamref name="T"/> is cached.</summary>
    public bool Contains<T>() => _results.ContainsKey(typeof(T));

    public void Invalidate() => _results.Clear();

    /// <summary>Drops every result that <paramref name="preserved"/> does not keep.</summary>
    public void Invalidate(PreservedAnalyses preserved)
    {
        if (preserved.PreservesAll)
        {
            return;
        }

        foreach (var type in _results.Keys.Where(t => !preserved.IsPreserved(t)).ToList())
        {
            _results.Remove(type);
        }
    }
}
