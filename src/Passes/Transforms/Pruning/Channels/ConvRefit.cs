using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// The reconstruction step of He et al. 2017 / ThiNet without retraining: every Conv that lost input channels is
/// refitted so that, on calibration images, its output computed from the kept input channels matches its unpruned
/// output. Inputs and targets both come from the unpruned model, so every layer is fitted to the same reference and
/// the fits do not compound (fitting to the pruned model's own inputs would make each layer correct errors that the
/// refit of the layers before it already removes). For each such Conv the sums XᵀX and XᵀY over im2col patches at
/// <see cref="PositionsPerSample"/> random output positions per image are accumulated (one image in memory at a time),
/// and the weights and bias are solved by ridge least squares. An output channel keeps its pruned weights when the
/// refit would not lower its error on the calibration rows, so a layer's calibration error never grows.
/// </summary>
public sealed class ConvRefit
{
    public const string Table = "refit";

    /// <summary>Output positions sampled per image and Conv: enough rows for the largest YOLOv8n patch (2,305 features) over 32 images.</summary>
    public const int PositionsPerSample = 128;

    private readonly Model _original;
    private readonly List<Plan> _plans;

    private ConvRefit(Model original, List<Plan> plans)
    {
        _original = original;
        _plans = plans;
    }

    private sealed record Plan(Node Conv, ConvPatch Patch, string Input, string Output, int[] KeptIn, int[]? KeptOut);

    /// <summary>Records, before the surgery, which Convs lose input channels and keeps a copy of the unpruned model.</summary>
    public static ConvRefit Prepare(Model model, ChannelAnalysis analysis, IReadOnlySet<int> removedRoots)
    {
        var keptOut = analysis.Edits.OfType<ConvOutputEdit>().ToDictionary(e => e.Node, e => ChannelSurgery.Kept(analysis.Elements, e.Layout, removedRoots));
        var plans = new List<Plan>();
        foreach (var edit in analysis.Edits.OfType<ConvInputEdit>())
        {
            var keptIn = ChannelSurgery.Kept(analysis.Elements, edit.Layout, removedRoots);
            if (keptIn.Length < edit.Layout.Length && ConvPatch.Of(edit.Node) is { } patch)
            {
                var outKept = keptOut.GetValueOrDefault(edit.Node);
                plans.Add(new Plan(edit.Node, patch, edit.Node.Input(0)!.Name, edit.Node.Output(0).Name, keptIn, outKept is null || outKept.Length == edit.Node.Input(1)!.ConstValue!.Dims[0] ? null : outKept));
            }
        }

        var original = ModelReader.Load(ModelWriter.ToBytes(model), model.BaseDirectory);
        return new ConvRefit(original, plans);
    }

    /// <summary>Accumulates the statistics over every calibration sample, solves, and writes the refitted weights into <paramref name="pruned"/>.</summary>
    /// <param name="pruned">The model after the surgery (and mean absorption); its Conv weights are replaced.</param>
    /// <param name="calibration">The calibration samples.</param>
    /// <param name="ridge">Ridge regularisation relative to the mean diagonal of XᵀX.</param>
    /// <param name="stages">0: every Conv is fitted to the unpruned model's inputs in one pass. N ≥ 1: sequential
    /// reconstruction in N stages (Convs in graph order, split evenly): a stage's Convs are fitted to their inputs in the
    /// pruned model with the earlier stages already refitted, so the refits correct the errors that reach them.</param>
    /// <param name="cancellation">Stops between samples.</param>
    public IReadOnlyList<RefitResult> Run(Model pruned, IChannelCalibration calibration, double ridge, int stages, CancellationToken cancellation)
    {
        if (_plans.Count == 0)
        {
            return [];
        }

        if (stages <= 0)
        {
            return Fit(pruned, calibration, _plans, null, ridge, cancellation);
        }

        var order = pruned.Graph.Nodes.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
        var sorted = _plans.OrderBy(p => order.GetValueOrDefault(p.Conv, int.MaxValue)).ToList();
        var results = new List<RefitResult>();
        int count = Math.Min(stages, sorted.Count);
        for (int stage = 0; stage < count; stage++)
        {
            int from = stage * sorted.Count / count, to = (stage + 1) * sorted.Count / count;
            results.AddRange(Fit(pruned, calibration, sorted.GetRange(from, to - from), pruned, ridge, cancellation));
        }

        return results;
    }

    /// <summary>
    /// Fits <paramref name="plans"/> with targets from the unpruned model and inputs from <paramref name="inputs"/>
    /// (the partly refitted pruned model, whose inputs hold only the kept channels), or from the unpruned model when null.
    /// </summary>
    private List<RefitResult> Fit(Model pruned, IChannelCalibration calibration, List<Plan> plans, Model? inputs, double ridge, CancellationToken cancellation)
    {
        var systems = plans.Select(p =>
        {
            var weight = p.Conv.Input(1)!.ConstValue!;
            return new NormalEquations((int)(weight.ElementCount / weight.Dims[0]) + 1, (int)weight.Dims[0]);
        }).ToArray();
        var inputNames = plans.Select(p => p.Input).Distinct().ToList();
        var outputNames = plans.Select(p => p.Output).Distinct().ToList();
        // The unpruned model gives the targets (and, without a pruned model, the inputs); a sample's values are copied
        // only until that sample is folded in.
        using var reference = calibration.Open(_original, inputs is null ? inputNames.Concat(outputNames).Distinct().ToList() : outputNames);
        using var current = inputs is null ? null : calibration.Open(inputs, inputNames);
        var values = new Dictionary<string, (long[] Dims, float[] Values)>();
        var prunedValues = new Dictionary<string, (long[] Dims, float[] Values)>();
        for (int sample = 0; sample < calibration.SampleCount; sample++)
        {
            cancellation.ThrowIfCancellationRequested();
            values.Clear();
            prunedValues.Clear();
            reference.Run(sample, (name, dims, data) => values[name] = (dims.ToArray(), data.ToArray()));
            current?.Run(sample, (name, dims, data) => prunedValues[name] = (dims.ToArray(), data.ToArray()));
            for (int i = 0; i < plans.Count; i++)
            {
                var plan = plans[i];
                var (dims, x) = current is null ? values[plan.Input] : prunedValues[plan.Input];
                var channels = current is null ? plan.KeptIn : Enumerable.Range(0, plan.KeptIn.Length).ToArray();
                Accumulate(plan, channels, systems[i], dims, x, values[plan.Output], (sample * 7919) + _plans.IndexOf(plan));
            }
        }

        return plans.Select((plan, i) => Apply(pruned.Graph, plan, systems[i], ridge)).ToList();
    }

    private static void Accumulate(Plan plan, int[] channels, NormalEquations system, ReadOnlySpan<long> dims, ReadOnlySpan<float> x, (long[] Dims, float[] Values) y, int seed)
    {
        int height = (int)dims[2], width = (int)dims[3];
        int outH = (int)y.Dims[2], outW = (int)y.Dims[3], outPlane = outH * outW;
        var outputs = plan.KeptOut ?? Enumerable.Range(0, (int)y.Dims[1]).ToArray();
        var patch = new double[system.Features];
        var target = new double[system.Targets];
        var random = new Random(seed);
        int positions = Math.Min(outPlane, PositionsPerSample);
        for (int p = 0; p < positions; p++)
        {
            int position = positions == outPlane ? p : random.Next(outPlane);
            int oy = position / outW, ox = position % outW;
            plan.Patch.Gather(x, height, width, channels, oy, ox, patch);
            patch[^1] = 1;
            for (int o = 0; o < outputs.Length; o++)
            {
                target[o] = y.Values[(outputs[o] * outPlane) + position];
            }

            system.Add(patch, target);
        }
    }

    private static RefitResult Apply(OnnxGraph graph, Plan plan, NormalEquations system, double ridge)
    {
        var conv = plan.Conv;
        var weight = conv.Input(1)!.ConstValue!;
        int filters = (int)weight.Dims[0], size = system.Features - 1;
        var w = weight.ToDoubleArray();
        var bias = conv.Input(2) is { ConstValue: { } b } ? b.ToDoubleArray() : new double[filters];
        var solution = system.Solve(ridge);
        double before = 0, after = 0, energy = 0;
        var current = new double[system.Features];
        for (int o = 0; o < filters; o++)
        {
            w.AsSpan(o * size, size).CopyTo(current);
            current[^1] = bias[o];
            double errorBefore = system.Error(o, current);
            double errorAfter = solution is null ? double.PositiveInfinity : system.Error(o, solution[o]);
            energy += system.Energy(o);
            before += errorBefore;
            if (errorAfter < errorBefore)
            {
                solution![o].AsSpan(0, size).CopyTo(w.AsSpan(o * size, size));
                bias[o] = solution[o][^1];
                after += errorAfter;
            }
            else
            {
                after += errorBefore;
            }
        }

        graph.SetInitializerValue(conv.Input(1)!, ToTensor(w, weight.DataType, weight.DimsArray()));
        var biasTensor = ToTensor(bias, weight.DataType, [filters]);
        if (conv.Input(2) is { ConstValue: not null } biasValue)
        {
            graph.SetInitializerValue(biasValue, biasTensor);
        }
        else
        {
            var added = graph.AddInitializer(graph.UniqueName(conv.Name + "_bias"), biasTensor);
            while (conv.Inputs.Count < 2)
            {
                conv.AddInput(null);
            }

            if (conv.Inputs.Count == 2)
            {
                conv.AddInput(added);
            }
            else
            {
                conv.SetInput(2, added);
            }
        }

        return new RefitResult(conv.Name, system.Features, system.Rows, energy == 0 ? 0 : before / energy, energy == 0 ? 0 : after / energy);
    }

    private static Tensor ToTensor(double[] values, DataType type, long[] dims) => type switch
    {
        DataType.Double => Tensor.Create(values, dims),
        DataType.Float16 => Tensor.Create(values.Select(v => (Half)v).ToArray(), dims),
        _ => Tensor.Create(values.Select(v => (float)v).ToArray(), dims),
    };
}

/// <summary>One refitted Conv: patch features, calibration rows, and its error relative to the target energy before and after.</summary>
public sealed record RefitResult(string Conv, int Features, long Rows, double RelativeErrorBefore, double RelativeErrorAfter) : IStatisticsRow
{
    /// <summary>The row of prune-channels' refit table.</summary>
    public IReadOnlyList<StatisticsCell> ToCells() =>
    [
        StatisticsCell.Of("conv", Conv),
        StatisticsCell.Of("features", Features),
        StatisticsCell.Of("rows", Rows),
        StatisticsCell.Of("error-before", RelativeErrorBefore),
        StatisticsCell.Of("error-after", RelativeErrorAfter),
    ];
}
