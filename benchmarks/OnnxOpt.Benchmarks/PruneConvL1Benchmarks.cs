using BenchmarkDotNet.Attributes;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// `prune-conv-l1` on yolov8n in-process (64 Conv weights, 3.15 M parameters, already loaded): the selection, the
/// zeroing copies and the statistics. Every invocation first puts the original weight tensors back (64 reference
/// assignments, measured alone by <see cref="RestoreOnly"/>), so each run prunes the unpruned model.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class PruneConvL1Benchmarks
{
    private Model _model = null!;
    private List<(Value Weight, Tensor Original)> _originals = null!;
    private Pass _pass = null!;

    [Params("amount=0.05", "amount=0.2", "amount=0.2 scope=global", "pattern=2:4")]
    public string Options { get; set; } = "amount=0.05";

    [GlobalSetup]
    public void Setup()
    {
        _model = ModelReader.Load(SharedFixture.Require(SharedFixture.YoloV8n));
        _originals = _model.Graph.Nodes.Where(n => n.Is("Conv")).Select(n => n.Input(1)!).Distinct()
            .Select(w => (w, w.ConstValue!)).ToList();
        _pass = PipelineRunner.Parse($"prune-conv-l1{{{Options}}}").Items.OfType<PassItem>().Single().Pass;
        foreach (var (_, tensor) in _originals)
        {
            _ = tensor.Bytes;
        }
    }

    [Benchmark(Baseline = true)]
    public int RestoreOnly()
    {
        Restore();
        return _originals.Count;
    }

    [Benchmark]
    public bool Prune()
    {
        Restore();
        return _pass.Run(_model, new PassContext()).Changed;
    }

    private void Restore()
    {
        foreach (var (weight, tensor) in _originals)
        {
            weight.Graph!.SetInitializerValue(weight, tensor);
        }
    }
}
