using System.Globalization;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Precision;

using Graph = OnnxOpt.Graph.IR.OnnxGraph;

/// <summary>
/// Carries out a <see cref="PrecisionPlan"/>: makes twins of constants with mixed users, converts constant data
/// (initializers, Constant and ConstantOfShape tensors) and retargets Casts, inserts one Cast per value, target
/// type and graph wherever a user needs the other precision, fixes graph outputs whose type must not change, and
/// declares the new type on every value it touched, so the verifier can type-check the result.
/// </summary>
internal sealed class Float16Rewriter
{
    private readonly PrecisionPlan _plan;
    private readonly PassContext _context;
    private readonly float _maxFinite;
    private readonly float _minPositive;
    private readonly Dictionary<(Value, DataType, OnnxGraph), Value> _casts = [];
    private readonly Dictionary<Value, DataType> _targets;
    private long _raised;
    private int _raisedTensors;
    private string? _firstRaised;
    private bool _changed;

    public Float16Rewriter(PrecisionPlan plan, ConvertFloat16Options options, PassContext context)
    {
        _plan = plan;
        _context = context;
        _maxFinite = (float)options.MaxFinite;
        _minPositive = (float)options.MinPositive;
        _targets = new Dictionary<Value, DataType>(plan.Targets);
    }

    /// <summary>Applies the plan; true when the model changed.</summary>
    public bool Apply()
    {
        foreach (var (value, type) in _plan.Twins)
        {
            MakeTwin(value, type);
        }

        foreach (var value in _plan.FloatValues)
        {
            if (_plan.Targets[value] == DataType.Float16 && IsConstantSource(value))
            {
                ConvertSource(value);
            }
        }

        SetDtypeAttributes();
        foreach (var value in _plan.FloatValues)
        {
            CastMismatchedUses(value);
        }

        foreach (var graph in _plan.MainGraph.AllGraphs().ToList())
        {
            FixOutputs(graph);
        }

        DeclareTypes();
        ReportRaised();
        return _changed;
    }

    private bool IsConstantSource(Value value) =>
        value.IsInitializer || (value.Producer is { } p && _plan.Modes[p] == NodePrecision.FollowUses);

    private Tensor ToHalf(Tensor tensor, string name)
    {
        var conversion = HalfConverter.Convert(tensor, _maxFinite, _minPositive);
        var stats = _context.Statistics;
        stats.Add("float32-bytes-converted", tensor.ByteLength);
        if (conversion.Clamped > 0)
        {
            stats.Add("values-clamped", conversion.Clamped);
            _context.Warn($"'{name}': {conversion.Clamped} values beyond ±{_maxFinite.ToString(CultureInfo.InvariantCulture)} clamped to that bound");
        }

        if (conversion.Raised > 0)
        {
            stats.Add("values-raised-to-min-positive", conversion.Raised);
            _raised += conversion.Raised;
            _raisedTensors++;
            _firstRaised ??= name;
        }

        if (conversion.Flushed > 0)
        {
            stats.Add("values-flushed-to-zero", conversion.Flushed);
        }

        return conversion.Result;
    }

    private void ReportRaised()
    {
        if (_raised > 0)
        {
            _context.Warn($"{_raised} non-zero values closer to zero than min-positive={_minPositive.ToString(CultureInfo.InvariantCulture)} were raised to it, in {_raisedTensors} tensors (first: '{_firstRaised}')");
        }
    }

    /// <summary>Converts a constant's primary copy to float16: initializer data, Constant/ConstantOfShape tensors, or a Cast's target.</summary>
    private void ConvertSource(Value value)
    {
        _changed = true;
        if (value.IsInitializer)
        {
            value.Graph!.SetInitializerValue(value, ToHalf(value.ConstValue!, value.Name));
            _context.Statistics.Add("initializers-converted");
            return;
        }

        var node = value.Producer!;
        if (node.OpType == "Cast")
        {
            node.SetAttribute(NodeAttribute.Int("to", (long)DataType.Float16));
            _context.Statistics.Add("casts-retargeted");
            return;
        }

        SourceConstants.SetData(node, ToHalf(SourceConstants.FloatData(node), value.Name));
        _context.Statistics.Add("constants-converted");
    }

    /// <summary>A copy of a constant in the other precision, taken before the primary is converted; users needing that type move to it.</summary>
    private void MakeTwin(Value value, DataType type)
    {
        _changed = true;
        var graph = value.Graph!;
        string name = graph.UniqueName($"{value.Name}_{Suffix(type)}");
        Value twin;
        if (value.IsInitializer)
        {
            var data = value.ConstValue!;
            twin = graph.AddInitializer(name, type == DataType.Float16 ? ToHalf(data, value.Name) : data);
        }
        else
        {
            var node = value.Producer!;
            var copy = graph.InsertAfter(node, node.OpType, node.Inputs, 1, graph.UniqueName($"{node.Name}_{Suffix(type)}"), node.Attributes, node.Domain, [name]);
            if (node.OpType == "Cast")
            {
                copy.SetAttribute(NodeAttribute.Int("to", (long)type));
            }
            else if (type == DataType.Float16)
            {
                SourceConstants.SetData(copy, ToHalf(SourceConstants.FloatData(node), value.Name));
            }

            twin = copy.Output();
            twin.Shape = value.Shape;
        }

        _targets[twin] = type;
        foreach (var use in value.Uses.ToList())
        {
            if (_plan.Required(use.Node, use.InputIndex) == type)
            {
                use.Node.SetInput(use.InputIndex, twin);
            }
        }

        _context.Statistics.Add("constants-duplicated");
    }

    /// <summary>Random generators and EyeLike name their output type in `dtype`; in a float16 node it must say float16.</summary>
    private void SetDtypeAttributes()
    {
        foreach (var (node, mode) in _plan.Modes)
        {
            // RandomNormal and RandomUniform default to float32 when `dtype` is absent; the *Like ops then follow their input.
            long fallback = node.OpType is "RandomNormal" or "RandomUniform" ? (long)DataType.Float : 0;
            if (mode == NodePrecision.Float16 && node.GetInt("dtype", fallback) == (long)DataType.Float
                && node.Outputs.Any(o => _targets.GetValueOrDefault(o) == DataType.Float16))
            {
                node.SetAttribute(NodeAttribute.Int("dtype", (long)DataType.Float16));
                _changed = true;
            }
        }
    }

    private void CastMismatchedUses(Value value)
    {
        var type = _targets[value];
        foreach (var use in value.Uses.ToList())
        {
            if (_plan.Required(use.Node, use.InputIndex) is { } required && required != type)
            {
                use.Node.SetInput(use.InputIndex, CastOf(value, required, use.Node.Graph!));
            }
        }
    }

    /// <summary>One Cast per value, target type and graph, placed right after the producer (or first, for inputs, constants and outer values).</summary>
    private Value CastOf(Value value, DataType type, OnnxGraph graph)
    {
        if (_casts.TryGetValue((value, type, graph), out var existing))
        {
            return existing;
        }

        string name = graph.UniqueName($"{value.Name}_{Suffix(type)}");
        NodeAttribute[] to = [NodeAttribute.Int("to", (long)type)];
        var cast = value.Producer is { } producer && producer.Graph == graph
            ? graph.InsertAfter(producer, "Cast", [value], 1, name, to, outputNames: [name])
            : graph.AddNode("Cast", [value], 1, name, to, outputNames: [name], index: 0);
        var output = cast.Output();
        output.Shape = value.Shape;
        _targets[output] = type;
        _casts[(value, type, graph)] = output;
        _context.Statistics.Add("casts-inserted");
        _changed = true;
        return output;
    }

    /// <summary>
    /// Gives every float output of <paramref name="graph"/> the type its slot needs. A main-graph output keeps its
    /// name (callers and Ultralytics tools look outputs up by name): the computed value is renamed and a Cast
    /// producing the original name takes its place. Subgraph outputs are positional, so a Cast is simply appended.
    /// </summary>
    private void FixOutputs(OnnxGraph graph)
    {
        var slot = _plan.SlotType(graph);
        for (int i = 0; i < graph.Outputs.Count; i++)
        {
            var value = graph.Outputs[i];
            if (!_targets.TryGetValue(value, out var type) || type == slot)
            {
                continue;
            }

            Value replacement;
            if (graph.ParentNode is not null)
            {
                replacement = CastOf(value, slot, graph);
            }
            else if (value.Producer is { } producer && producer.Graph == graph)
            {
                string name = value.Name;
                value.Name = graph.UniqueName($"{name}_{Suffix(type)}");
                var cast = graph.AddNode("Cast", [value], 1, graph.UniqueName($"{name}_cast"), [NodeAttribute.Int("to", (long)slot)], outputNames: [name]);
                replacement = cast.Output();
                replacement.Shape = value.Shape;
                replacement.DocString = value.DocString;
                _targets[replacement] = slot;
                _context.Statistics.Add("casts-inserted");
            }
            else
            {
                throw new InvalidOperationException($"graph output '{value.Name}' is a {type.OnnxName()} input or constant where {slot.OnnxName()} is needed");
            }

            for (int j = i; j < graph.Outputs.Count; j++)
            {
                if (graph.Outputs[j] == value)
                {
                    graph.SetOutput(j, replacement);
                }
            }

            _changed = true;
        }
    }

    private void DeclareTypes()
    {
        foreach (var (value, type) in _targets)
        {
            if (value.ElementType != type)
            {
                value.ElementType = type;
                _changed = true;
                if (type == DataType.Float16)
                {
                    _context.Statistics.Add("values-retyped");
                }
            }
        }
    }

    private static string Suffix(DataType type) => type == DataType.Float16 ? "fp16" : "fp32";
}
