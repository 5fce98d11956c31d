
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Infrastructure;

/// <summary>
/// Results of analyses (shape inference, use counts, hashes) computed on demand and kept until a pass reports
/// that it changed the model; the pass manager then clears the cache.
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

    public void Invalidate() => _results.Clear();
}
