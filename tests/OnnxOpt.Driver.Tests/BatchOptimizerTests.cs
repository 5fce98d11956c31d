using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Driver;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Driver.Tests;

/// <summary>The batch runner's hand-off from workers to the thread that renames outputs into place.</summary>
public sealed class BatchOptimizerTests
{
    [Fact]
    public void Every_model_is_written_and_reported_once_replacing_old_outputs()
    {
        using var temp = new TempDirectory();
        var inputs = WriteModels(temp, 9);
        var plan = BatchOptimizer.Plan(inputs, temp.File("out"));
        Directory.CreateDirectory(temp.File("out"));
        File.WriteAllText(plan[0].Output, "stale");
        var reported = new System.Collections.Concurrent.ConcurrentBag<string>();

        var items = Runner(jobs: 2).Run(plan, item => reported.Add(item.Input));

        Assert.All(items, i => Assert.True(i.Succeeded, i.Error));
        Assert.Equal(inputs.Order(StringComparer.Ordinal), reported.Order(StringComparer.Ordinal));
        foreach (var (item, (input, output)) in items.Zip(plan))
        {
            Assert.Equal(input, item.Input);
            Assert.Equal(new FileInfo(output).Length, item.Result!.BytesAfter);
            Assert.Single(ModelReader.Load(output).Graph.Nodes);
        }

        Assert.Equal(plan.Select(p => p.Output).Order(StringComparer.Ordinal), Directory.GetFiles(temp.File("out")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_rename_that_fails_fails_only_its_model_and_leaves_no_temporary_file()
    {
        using var temp = new TempDirectory();
        var plan = BatchOptimizer.Plan(WriteModels(temp, 3), temp.File("out"));

        // A non-empty folder where the second output should go: the model is written, the rename is refused.
        Directory.CreateDirectory(Path.Combine(plan[1].Output, "inside"));

        var items = Runner(jobs: 1).Run(plan);

        Assert.True(items[0].Succeeded);
        Assert.False(items[1].Succeeded);
        Assert.StartsWith($"cannot write '{plan[1].Output}'", items[1].Error, StringComparison.Ordinal);
        Assert.True(items[2].Succeeded);
        Assert.Equal([plan[0].Output, plan[2].Output], Directory.GetFiles(temp.File("out")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_throwing_callback_surfaces_after_every_model_is_settled_instead_of_hanging()
    {
        using var temp = new TempDirectory();
        var plan = BatchOptimizer.Plan(WriteModels(temp, 8), temp.File("out"));
        int calls = 0;

        // More models than the queue between workers and the committer holds, so a stuck committer would deadlock.
        var error = Assert.Throws<InvalidOperationException>(() => Runner(jobs: 1).Run(plan, _ =>
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("progress display broke");
        }));

        Assert.Equal("progress display broke", error.Message);
        Assert.Equal(8, calls);
        Assert.DoesNotContain(Directory.GetFiles(temp.File("out")), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    private static BatchOptimizer Runner(int jobs) =>
        new(() => PipelineRunner.Parse("eliminate-identity"), new OptimizeOptions(), jobs);

    private static List<string> WriteModels(TempDirectory temp, int count)
    {
        Directory.CreateDirectory(temp.File("in"));
        var inputs = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var b = new ModelBuilder();
            var x = b.Input("x", DataType.Float, 1, 4);
            b.Output(b.Op("Relu", [b.Op("Identity", [x])]), "y");
            string path = temp.File($"in/m{i}.onnx");
            ModelWriter.Save(b.Model, path);
            inputs.Add(path);
        }

        return inputs;
    }
}
