using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// `scale-models DIR [--nodes N]`: writes the four models of the IR scale benchmark (issue 14), each with N nodes
/// (default 100,000) on a float [1,8] input: an Identity chain, a chain of Add with one shared zero initializer, a
/// Relu chain (the reference: no pass rewrites it), and a fan-out chain y = y + x whose input x has N uses.
/// Nodes and values get explicit names, so generating is linear whatever the IR's default naming costs.
/// </summary>
public static class ScaleModels
{
    public static readonly string[] Kinds = ["identity", "add-zero", "relu", "fan-out"];

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            Console.Error.WriteLine("error: usage: scale-models DIR [--nodes N]");
            return 2;
        }

        int nodes = 100_000;
        int at = Array.IndexOf(args, "--nodes");
        if (at >= 0 && (at + 1 >= args.Length || !int.TryParse(args[at + 1], out nodes) || nodes < 1))
        {
            Console.Error.WriteLine("error: --nodes needs a positive integer");
            return 2;
        }

        Directory.CreateDirectory(args[0]);
        foreach (string kind in Kinds)
        {
            string path = Path.Combine(args[0], $"{kind}-{nodes}.onnx");
            ModelWriter.Save(Build(kind, nodes), path);
            Console.WriteLine(path);
        }

        return 0;
    }

    public static Model Build(string kind, int nodes)
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 1, 8);
        var zero = kind == "add-zero" ? b.Constant("zero", new[] { 0f }, 1) : null;
        var current = x;
        for (int i = 0; i < nodes; i++)
        {
            Value?[] inputs = kind switch
            {
                "identity" => [current],
                "add-zero" => [current, zero],
                "relu" => [current],
                "fan-out" => i == 0 ? [x] : [current, x],
                _ => throw new ArgumentException($"unknown scale model '{kind}'", nameof(kind)),
            };
            string op = kind switch
            {
                "identity" => "Identity",
                "add-zero" => "Add",
                "fan-out" => i == 0 ? "Relu" : "Add",
                _ => "Relu",
            };
            current = b.Graph.AddNode(op, inputs, 1, $"n{i}", outputNames: [$"v{i}"]).Outputs[0];
        }

        b.Output(current, "y", DataType.Float, 1, 8);
        return b.Build();
    }
}
