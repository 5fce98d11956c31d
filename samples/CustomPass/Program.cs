// Writes a pass of our own, registers it, runs it in pipeline text together with built-in passes, checks in ONNX
// Runtime that the model still computes the same outputs, and saves the result.
using CustomPass;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;
using OnnxOpt.Passes.Registry;

// A small model with something for every pass below: x*1, an Identity and a Relu.
var builder = new ModelBuilder(opset: 17);
Value x = builder.Input("x", DataType.Float, 1, 8);
Value scaled = builder.Op("Mul", [x, builder.Constant("one", [1f], 1)]);
Value copied = builder.Op("Identity", [scaled]);
builder.Output(builder.Op("Relu", [copied]), "y");
Model model = builder.Build();
Model original = ModelReader.Load(SaveToMemory(model));

var registry = PassRegistry.CreateDefault();
registry.Register(PassInfo.Of<FoldMulByOneOptions>("fold-mul-by-one", "Remove Mul by a single float 1.", o => new FoldMulByOne(o)));

Pipeline pipeline = new PipelineBuilder(registry).Build("fold-mul-by-one,eliminate-identity,eliminate-dead-nodes");
PipelineRunReport report = new PassManager(pipeline).Run(model);
Console.WriteLine($"ran: {pipeline}");
Console.WriteLine($"nodes: {original.Graph.Nodes.Count} -> {model.Graph.Nodes.Count} ({string.Join(", ", model.Graph.Nodes.Select(n => n.OpType))})");

ComparisonReport comparison = new ModelComparer { Samples = 3 }.Compare(original, model);
Console.WriteLine(comparison.Passed ? "equivalent in ONNX Runtime" : "NOT equivalent");

string output = Path.Combine(Path.GetTempPath(), "custom-pass-sample.onnx");
ModelWriter.Save(model, output);
Console.WriteLine($"saved {output}");
return comparison.Passed && model.Graph.Nodes.Count == 1 ? 0 : 1;

static byte[] SaveToMemory(Model model)
{
    using var stream = new MemoryStream();
    ModelWriter.Save(model, stream);
    return stream.ToArray();
}
