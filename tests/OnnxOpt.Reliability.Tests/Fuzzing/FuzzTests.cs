using System.Diagnostics;
using Google.Protobuf;
using OnnxOpt.Fixtures.Small;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Protos;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace OnnxOpt.Reliability.Tests.Fuzzing;

/// <summary>
/// The seeded, bounded fuzz suite: structure-aware mutants of generated models through load, verify and every
/// preset. Deterministic for a seed; stops at the iteration count or the time budget, whichever comes first.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Mutants_of_generated_models_never_hit_a_bug_or_hang()
    {
        var settings = FuzzSettings.FromEnvironment();
        var bases = Bases().Select(m => ModelProto.Parser.ParseFrom(ModelWriter.ToBytes(m))).ToList();
        var failures = new List<string>();
        using var temp = new TempDirectory();
        var harness = new FuzzHarness(temp.Path);
        var clock = Stopwatch.StartNew();
        int done = 0;
        for (; done < settings.Iterations && clock.Elapsed < settings.Budget; done++)
        {
            int seed = unchecked((settings.Seed * 31) + done);
            var mutator = new ModelMutator(seed);
            var mutant = mutator.Mutate(bases[done % bases.Count]);
            var run = Task.Run(() => harness.Run(mutant));
            bool finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))) == run;
            string? bug = finished ? await run : "hang: no result in 60 s";
            if (bug is not null)
            {
                failures.Add($"seed {seed} (base {done % bases.Count}; {string.Join(", ", mutator.Applied)}): {bug}");
                Keep(settings, seed, mutant);
                if (run.Status != TaskStatus.RanToCompletion)
                {
                    break;
                }
            }
        }

        output.WriteLine($"{done} mutants in {clock.Elapsed.TotalSeconds:0.0} s, {failures.Count} bugs");
        Assert.True(done > 0, "no mutant ran");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>Generated models, plus the hand-made hostile seeds of the defect classes, to mutate further.</summary>
    private static IEnumerable<Model> Bases()
    {
        foreach (var make in SmallModels.All.Values)
        {
            yield return make();
        }

        for (int seed = 0; seed < 4; seed++)
        {
            yield return RandomGraphGenerator.Generate(seed);
        }

        yield return Models.ConstantMinDividedByMinusOne();
        yield return Models.ConstantMinDividedByMinusOne("Mod");
        yield return ShapeArithmetic();
    }

    /// <summary>Shape -> Gather -> Div/Range/Reshape: the integer shape arithmetic of dynamic exports, where folding does its integer work.</summary>
    private static Model ShapeArithmetic()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 1, 4, 6);
        var shape = b.Op("Shape", "shape", [x]);
        var last = b.Op("Gather", "last", [shape, b.Constant("i", Tensor.Scalar(2L))], NodeAttribute.Int("axis", 0));
        var half = b.Op("Div", "half", [last, b.Constant("two", Tensor.Scalar(2L))]);
        var range = b.Op("Range", "range", [b.Constant("zero", Tensor.Scalar(0L)), half, b.Constant("one", Tensor.Scalar(1L))]);
        var dims = b.Op("Concat", "dims", [b.Constant("lead", Tensor.Create([1L, -1L], 2)), b.Op("Unsqueeze", "u", [half, b.Constant("ax", Tensor.Create([0L], 1))])], NodeAttribute.Int("axis", 0));
        b.Output(b.Op("Reshape", "reshape", [x, dims]), "y");
        b.Output(range, "r");
        return b.Build();
    }

    private static void Keep(FuzzSettings settings, int seed, ModelProto mutant)
    {
        if (settings.KeepFolder is { } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, $"mutant-{seed}.onnx"), mutant.ToByteArray());
        }
    }
}
