using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Fixtures.Small;
using OnnxOpt.SampleModels;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Verification;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Graph.Tests.Fixtures;

public sealed class SmallModelsTests
{
    private const long MaxFixtureBytes = 1 << 20;

    public static TheoryData<string> Names() => [.. SmallModels.All.Keys];

    /// <summary>
    /// The committed fixtures/models/*.onnx must be exactly what SmallModels builds. After changing a model on
    /// purpose, run the tests once with ONNXOPT_UPDATE_FIXTURES=1 to rewrite the files, and commit them.
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Committed_file_equals_what_the_generator_builds(string name)
    {
        string path = RepositoryFiles.Path("fixtures", "models", name + ".onnx");
        byte[] expected = ModelWriter.ToBytes(SmallModels.All[name]());
        if (Environment.GetEnvironmentVariable("ONNXOPT_UPDATE_FIXTURES") == "1")
        {
            ModelWriter.Save(SmallModels.All[name](), path);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with ONNXOPT_UPDATE_FIXTURES=1 to write it");
        Assert.True(expected.SequenceEqual(File.ReadAllBytes(path)), $"{path} is stale; run the tests with ONNXOPT_UPDATE_FIXTURES=1 to rewrite it");
        Assert.True(expected.Length < MaxFixtureBytes);
    }

    [Fact]
    public void Every_committed_model_has_a_generator()
    {
        var committed = Directory.GetFiles(RepositoryFiles.Path("fixtures", "models"), "*.onnx").Select(Path.GetFileNameWithoutExtension);
        Assert.Equal(SmallModels.All.Keys.Order(), committed.Order());
    }

    [Fact]
    public void WriteAll_writes_loadable_files()
    {
        using var temp = new TempDirectory();
        var paths = SmallModels.WriteAll(temp.Path);
        Assert.Equal(SmallModels.All.Count, paths.Count);
        Assert.All(paths, p => Assert.DoesNotContain(GraphVerifier.Verify(ModelReader.Load(p)), d => d.IsError));
    }

    [Fact]
    public void ConvRelu_matches_a_direct_convolution()
    {
        var model = SmallModels.ConvRelu();
        Assert.Empty(GraphVerifier.Verify(model));
        var inputs = new InputGenerator { Seed = 3, Min = -1 }.Generate(model);
        var y = OrtRunner.RunOnce(model, inputs)["y"].ToArray<float>();

        var x = inputs["x"].ToArray<float>();
        var w = model.Graph.FindValue("conv.weight")!.ConstValue!.ToArray<float>();
        var b = model.Graph.FindValue("conv.bias")!.ConstValue!.ToArray<float>();
        for (int co = 0; co < 4; co++)
        {
            for (int oy = 0; oy < 8; oy++)
            {
                for (int ox = 0; ox < 8; ox++)
                {
                    double sum = b[co];
                    for (int ci = 0; ci < 3; ci++)
                    {
                        for (int ky = 0; ky < 3; ky++)
                        {
                            for (int kx = 0; kx < 3; kx++)
                            {
                                int iy = oy + ky - 1, ix = ox + kx - 1;
                                if (iy is >= 0 and < 8 && ix is >= 0 and < 8)
                                {
                                    sum += w[(((co * 3) + ci) * 9) + (ky * 3) + kx] * x[(ci * 64) + (iy * 8) + ix];
                                }
                            }
                        }
                    }

                    Assert.Equal(Math.Max(0, sum), y[(co * 64) + (oy * 8) + ox], 1e-5);
                }
            }
        }
    }

    [Fact]
    public void AddChain_adds_its_four_constants()
    {
        var model = SmallModels.AddChain();
        Assert.Equal(4, model.Graph.Nodes.Count(n => n.OpType == "Add"));
        var inputs = new InputGenerator { Seed = 4 }.Generate(model);
        var y = OrtRunner.RunOnce(model, inputs)["y"].ToArray<float>();
        var x = inputs["x"].ToArray<float>();
        var constants = Enumerable.Range(0, 4).Select(i => model.Graph.FindValue($"c{i}")!.ConstValue!.ToArray<float>()).ToList();
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(x[i] + constants.Sum(c => c[i]), y[i], 1e-5);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void IfBranches_takes_the_branch_the_condition_picks(bool condition)
    {
        var model = ModelReader.Load(ModelWriter.ToBytes(SmallModels.IfBranches()));
        Assert.Empty(GraphVerifier.Verify(model));
        Assert.Equal(2, model.Graph.Nodes.Single().Subgraphs().Count());
        var x = Tensor.Create(new[] { 1f, 2f, 3f, -4f, 5.5f, 0f }, 2, 3);
        var y = OrtRunner.RunOnce(model, new Dictionary<string, Tensor> { ["cond"] = Tensor.Scalar(condition), ["x"] = x })["y"];
        Assert.Equal(x.ToArray<float>().Select(v => condition ? v * 2 : v - 1), y.ToArray<float>());
    }
}
