
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.OnnxRuntime;

/// <summary>Runs two models on the same generated inputs in ONNX Runtime and compares every output they share.</summary>
public sealed record ModelComparer
{
    public double Atol { get; init; } = 1e-5;

    public double Rtol { get; init; } = 1e-4;

    public int Samples { get; init; } = 1;

    public InputGenerator Inputs { get; init; } = new();

    public OrtRunOptions RunOptions { get; init; } = OrtRunOptions.Default;

    public ComparisonReport Compare(Model reference, Model candidate)
    {
        using var referenceRunner = new OrtRunner(reference, RunOptions);
        using var candidateRunner = new OrtRunner(candidate, RunOptions);
        return Compare(reference, referenceRunner, candidateRunner);
    }

    /// <summary>Compares runners already loaded (e.g. from paths with external data).</summary>
    public ComparisonReport Compare(Model reference, OrtRunner referenceRunner, OrtRunner candidateRunner)
    {
        var missing = referenceRunner.OutputNames.Except(candidateRunner.OutputNames).ToList();
        var perOutput = new Dictionary<string, List<OutputStatistics>>();
        for (int sample = 0; sample < Samples; sample++)
        {
            var inputs = Inputs.Generate(reference, sample);
            var expected = referenceRunner.Run(inputs);
            var candidateInputs = inputs.Where(p => candidateRunner.InputNames.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
            var actual = candidateRunner.Run(candidateInputs);
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
        }

        var stats = perOutput.Values.Select(OutputComparer.Merge).ToList();
        stats.AddRange(missing.Select(m => new OutputStatistics(m, 0, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, 0, 1, "output missing from the candidate")));
        return new ComparisonReport(stats, Atol, Rtol, Samples);
    }
}
