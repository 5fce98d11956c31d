using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Transforms.Pruning;

namespace OnnxOpt.Evaluation.Pruning;

/// <summary>
/// Pruning sensitivity: prunes one Conv weight at a time (as `prune-conv-l1` with scope=layer would, or 2:4), runs
/// the model in ONNX Runtime on the given inputs and measures how far every output moved from the unpruned
/// model's. Layers whose pruning barely moves the outputs can take a larger amount. The caller's model is not
/// changed: the scan works on a copy and restores each weight after measuring it.
/// </summary>
public sealed record PruneScan
{
    /// <summary>Amount, pattern and Conv filters; scope must be layer (the scan prunes one layer at a time).</summary>
    public PruneConvL1Options Options { get; init; } = new();

    public OrtRunOptions RunOptions { get; init; } = OrtRunOptions.Default;

    /// <summary>Tolerances only used to count mismatching elements in each <see cref="OutputStatistics"/>.</summary>
    public double Atol { get; init; } = 1e-3;

    public double Rtol { get; init; } = 1e-3;

    public PruneScanReport Run(Model model, IReadOnlyList<IReadOnlyDictionary<string, Tensor>> inputs, IProgress<PruneScanLayer>? progress = null, CancellationToken cancellation = default)
    {
        if (Options.Validate() is { } problem)
        {
            throw new ArgumentException($"prune-scan: {problem}", nameof(model));
        }

        if (Options.Scope != PruneScope.Layer)
        {
            throw new ArgumentException("prune-scan prunes one layer at a time; scope=global does not apply", nameof(model));
        }

        if (inputs.Count == 0)
        {
            throw new ArgumentException("prune-scan needs at least one input", nameof(inputs));
        }

        var copy = ModelReader.Load(ModelWriter.ToBytes(model), model.BaseDirectory);
        var references = RunAll(copy, inputs);
        var selection = ConvWeightFinder.Find(copy, Options);
        var layers = new List<PruneScanLayer>(selection.Targets.Count);
        foreach (var target in selection.Targets)
        {
            cancellation.ThrowIfCancellationRequested();
            var original = target.Tensor;
            var pruning = Options.Pattern == PrunePattern.TwoOfFour
                ? MagnitudePruner.PruneTwoOfFour(target)
                : MagnitudePruner.PruneLayer(target, Options.Amount);
            IReadOnlyList<IReadOnlyDictionary<string, Tensor>> outputs = references;
            if (pruning.Apply())
            {
                try
                {
                    outputs = RunAll(copy, inputs);
                }
                finally
                {
                    target.Weight.Graph!.SetInitializerValue(target.Weight, original);
                }
            }

            var layer = new PruneScanLayer(pruning, Compare(references, outputs));
            layers.Add(layer);
            progress?.Report(layer);
        }

        return new PruneScanReport(Options, inputs.Count, layers, selection.Skipped);
    }

    private List<IReadOnlyDictionary<string, Tensor>> RunAll(Model model, IReadOnlyList<IReadOnlyDictionary<string, Tensor>> inputs)
    {
        using var runner = new OrtRunner(model, RunOptions);
        return inputs.Select(i => runner.Run(i)).ToList();
    }

    private List<OutputStatistics> Compare(List<IReadOnlyDictionary<string, Tensor>> references, IReadOnlyList<IReadOnlyDictionary<string, Tensor>> outputs)
    {
        var perOutput = new Dictionary<string, List<OutputStatistics>>();
        for (int i = 0; i < references.Count; i++)
        {
            foreach (var (name, expected) in references[i])
            {
                if (!perOutput.TryGetValue(name, out var list))
                {
                    perOutput[name] = list = [];
                }

                list.Add(OutputComparer.Compare(name, expected, outputs[i][name], Atol, Rtol));
            }
        }

        return perOutput.Values.Select(OutputComparer.Merge).ToList();
    }
}
