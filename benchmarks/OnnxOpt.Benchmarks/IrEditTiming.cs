using System.Diagnostics;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// `ir-edits [N...]`: times N of each IR edit in process (default N = 16,000 and 100,000, the sizes of issue 14):
/// unnamed appends, inserts before the first node, bypass-and-remove from the front of a chain, one
/// replace-all-uses of a value with N uses, and N renames. Linear edits take about 6x longer at 100k than at 16k.
/// </summary>
public static class IrEditTiming
{
    public static int Run(string[] args)
    {
        int[] sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [16_000, 100_000];
        Console.WriteLine("| edit | " + string.Join(" | ", sizes.Select(n => $"N={n:N0} ms")) + " |");
        Console.WriteLine("| --- |" + string.Concat(sizes.Select(_ => " ---: |")));
        (string Name, Func<int, double> Time)[] edits =
        [
            ("N unnamed AddNode appends", UnnamedAppends),
            ("N InsertBefore(first node)", InsertsBeforeFirst),
            ("N RAUW + RemoveNode from the front of a chain", BypassChain),
            ("1 ReplaceAllUsesWith of a value with N uses", ReplaceFanOut),
            ("N value renames", Renames),
        ];
        UnnamedAppends(1000);
        foreach (var (name, time) in edits)
        {
            Console.WriteLine($"| {name} | " + string.Join(" | ", sizes.Select(n => time(n).ToString("F1", System.Globalization.CultureInfo.InvariantCulture))) + " |");
        }

        return 0;
    }

    private static double UnnamedAppends(int n)
    {
        var graph = new OnnxGraph();
        var current = graph.AddInput("x", DataType.Float, Shape.Of(1));
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < n; i++)
        {
            current = graph.AddNode("Relu", [current]).Output();
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static double InsertsBeforeFirst(int n)
    {
        var graph = new OnnxGraph();
        var x = graph.AddInput("x", DataType.Float, Shape.Of(1));
        var first = graph.AddNode("Relu", [x], name: "first", outputNames: ["first_out"]);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < n; i++)
        {
            graph.InsertBefore(first, "Relu", [x], name: $"n{i}");
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static double BypassChain(int n)
    {
        var graph = new OnnxGraph();
        var x = graph.AddInput("x", DataType.Float, Shape.Of(1));
        var current = x;
        var nodes = new List<Node>(n);
        for (int i = 0; i < n; i++)
        {
            var node = graph.AddNode("Identity", [current], name: $"n{i}", outputNames: [$"v{i}"]);
            nodes.Add(node);
            current = node.Output();
        }

        graph.AddOutput(graph.AddNode("Relu", [current], name: "last", outputNames: ["y"]).Output());
        var clock = Stopwatch.StartNew();
        foreach (var node in nodes)
        {
            node.Output().ReplaceAllUsesWith(node.Input(0)!);
            graph.RemoveNode(node);
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static double ReplaceFanOut(int n)
    {
        var graph = new OnnxGraph();
        var x = graph.AddInput("x", DataType.Float, Shape.Of(1));
        var z = graph.AddInput("z", DataType.Float, Shape.Of(1));
        for (int i = 0; i < n; i++)
        {
            graph.AddNode("Relu", [x], name: $"n{i}", outputNames: [$"v{i}"]);
        }

        var clock = Stopwatch.StartNew();
        x.ReplaceAllUsesWith(z);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Renames(int n)
    {
        var graph = new OnnxGraph();
        var x = graph.AddInput("x", DataType.Float, Shape.Of(1));
        var values = new List<Value>(n);
        for (int i = 0; i < n; i++)
        {
            values.Add(graph.AddNode("Relu", [x], name: $"n{i}", outputNames: [$"v{i}"]).Output());
        }

        var clock = Stopwatch.StartNew();
        for (int i = 0; i < n; i++)
        {
            values[i].Name = $"renamed{i}";
        }

        return clock.Elapsed.TotalMilliseconds;
    }
}
