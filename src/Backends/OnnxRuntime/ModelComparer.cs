using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.OnnxRuntime;

/// <summary>Runs two models on the same generated inputs in ONNX Runtime and compares every output they share.</summary>
public sealed record ModelComparer
{
    public double Atol { get; init; } = 1e-5;

    public double Rtol { get; init; } = 1e-4;

    public int Samples { get; init; } = 1;

    /// <summary>When set, outputs are judged by cosine similarity instead of element-wise tolerances (see <see cref="ComparisonReport.MinCosine"/>).</summary>
    public double? MinCosine { get; init; }

    public InputGenerator Inputs { get; init; } = new();

    public OrtRunOptions RunOptions { get; init; } = OrtRunOptions.Default;

    public ComparisonReport Compare(Model reference, Model candidate)
    {
        using var referenceRunner = new OrtRunner(reference, RunOptions);
        using var candidateRunner = new OrtRunner(candidate, RunOptions);
        return Compare(reference, referenceRunner, candidateRunner);
    }

    /// <summary>Compares runners already loaded (e.g. from paths with external data) on <see cref="Samples"/> generated input sets.</summary>
    public ComparisonReport Compare(Model reference, OrtRunner referenceRunner, OrtRunner candidateRunner) =>
        Compare(referenceRunner, candidateRunner, Enumerable.Range(0, Samples).Select(sample => (IReadOnlyDictionary<string, Tensor>)Inputs.Generate(reference, sample)).ToList());

    /// <summary>
    /// Compares runners on the input sets given (e.g. real letterboxed images instead of noise); the report counts
    /// each set as one sample. The sets are consumed one at a time, so a lazy sequence keeps one image in memory.
    /// Inputs the candidate does not declare are not passed to it. <paramref name="observe"/> sees each set's index
    /// and both models' outputs, so a caller can judge them further (e.g. decode detections) without running the
    /// models a second time.
    /// </summary>
    public ComparisonReport Compare(
        OrtRunner referenceRunner,
        OrtRunner candidateRunner,
        IEnumerable<IReadOnlyDictionary<string, Tensor>> inputSets,
        Action<int, IReadOnlyDictionary<string, Tensor>, IReadOnlyDictionary<string, Tensor>>? observe = null)
    {
        var missing = referenceRunner.OutputNames.Except(candidateRunner.OutputNames).ToList();
        var perOutput = new Dictionary<string, List<OutputStatistics>>();
        int set = 0;
        foreach (var inputs in inputSets)
        {
            var expected = referenceRunner.Run(inputs);
            var candidateInputs = inputs.Where(p => candidateRunner.InputNames.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
            var actual = candidateRunner.Run(candidateInputs);
            observe?.Invoke(set, expected, actual);
            foreach (var (name, tensor) in expected)
            {
                if (!actual.TryGetValue(name, out var other))
                {
                    continue;
                }

                if (!perOutput.TryGetValue(name, out var list))
                {
                    perOutput[name] = list = [];
                }

                list.Add(OutputComparer.Compare(name, tensor, other, Atol, Rtol));
            }

            set++;
        }

        if (set == 0)
        {
            throw new ArgumentException("no inputs to compare the models on", nameof(inputSets));
        }

        var stats = perOutput.Values.Select(OutputComparer.Merge).ToList();
        stats.AddRange(missing.Select(m => new OutputStatistics(m, 0, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, 0, 1, "output missing from the candidate")));
        return new ComparisonReport(stats, Atol, Rtol, set) { MinCosine = MinCosine };
    }
}
