// Loads a model, walks its IR (nodes, values, use lists), edits it through the IR's API, verifies and saves it.
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Text;
using OnnxOpt.Graph.Verification;

string path = args.Length > 0 ? args[0] : WriteExample();
Model model = ModelReader.Load(path);

// Walk: every node with its inputs, and who uses each output.
foreach (Node node in model.Graph.Nodes)
{
    string uses = string.Join(", ", node.Outputs.SelectMany(o => o.Uses).Select(u => u.Node.OpType));
    Console.WriteLine($"{node.OpType,-10} {node.Name,-12} in: {string.Join(", ", node.Inputs.Select(i => i?.Name ?? "-"))}  used by: {uses}");
}

// Edit: put a Sigmoid after every Relu; the Relu's old users now read the Sigmoid.
foreach (Node relu in model.Graph.Nodes.Where(n => n.Is("Relu")).ToList())
{
    Value output = relu.Output(0);
    Node sigmoid = model.Graph.InsertAfter(relu, "Sigmoid", [output]);
    foreach (Use use in output.Uses.Where(u => u.Node != sigmoid).ToList())
    {
        use.Node.SetInput(use.InputIndex, sigmoid.Output(0));
    }

    for (int i = 0; i < model.Graph.Outputs.Count; i++)
    {
        if (model.Graph.Outputs[i] == output)
        {
            model.Graph.SetOutput(i, sigmoid.Output(0));
        }
    }
}

GraphVerifier.ThrowIfInvalid(model);
Console.WriteLine(GraphPrinter.Print(model));
string saved = Path.Combine(Path.GetTempPath(), "walk-and-edit-sample.onnx");
ModelWriter.Save(model, saved);
Console.WriteLine($"saved {saved}");
return 0;

static string WriteExample()
{
    var builder = new ModelBuilder(opset: 17);
    Value x = builder.Input("x", DataType.Float, 1, 4);
    Value w = builder.Constant("w", Enumerable.Range(0, 16).Select(i => i * 0.1f).ToArray(), 4, 4);
    builder.Output(builder.Op("Relu", [builder.Op("MatMul", [x, w])]), "y");
    string file = Path.Combine(Path.GetTempPath(), "walk-and-edit-input.onnx");
    ModelWriter.Save(builder.Build(), file);
    return file;
}
