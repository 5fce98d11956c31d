namespace OnnxOpt.Passes;

/// <summary>Named counters of one pass run (`convs-fused`, `weights-zeroed`), in the order first touched.</summary>
public sealed class PassStatistics
{
    private readonly List<KeyValuePair<string, double>> _counters = [];

    public IReadOnlyList<KeyValuePair<string, double>> Counters => _counters;

    public void Add(string name, double amount = 1)
    {
        int index = _counters.FindIndex(c => c.Key == name);
        if (index < 0)
        {
            _counters.Add(new(name, amount));
        }
        else
        {
            _counters[index] = new(name, _counters[index].Value + amount);
        }
    }

    /// <summary>Sets a counter that is a measurement rather than a count (e.g. a sparsity).</summary>
    public void Set(string name, double value)
    {
        int index = _counters.FindIndex(c => c.Key == name);
        if (index < 0)
        {
            _counters.Add(new(name, value));
        }
        else
        {
            _counters[index] = new(name, value);
        }
    }

    public double Get(string name) => _counters.Find(c => c.Key == name).Value;

    public bool IsEmpty => _counters.Count == 0;
}
