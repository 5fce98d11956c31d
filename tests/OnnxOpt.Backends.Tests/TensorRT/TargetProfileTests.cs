using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Backends.TensorRT;
using Xunit;

namespace OnnxOpt.Backends.Tests.TensorRT;

public sealed class TargetProfileTests
{
    [Fact]
    public void Every_issue_target_exists_with_its_tensorrt_version_and_parser_opsets()
    {
        Assert.Equal(["jetson-nano", "jetson-xavier", "jetson-orin", "trt10", "trt11"], TargetProfiles.Names);

        // The names are kept apart from the profiles (cheap to list at start-up); they must stay the same list.
        Assert.Equal(TargetProfiles.All.Select(t => t.Name), TargetProfiles.Names);
        Assert.Equal((8, 2, 13), Facts(TargetProfiles.Get("jetson-nano")));
        Assert.Equal((8, 5, 17), Facts(TargetProfiles.Get("jetson-xavier")));
        Assert.Equal((10, 3, 20), Facts(TargetProfiles.Get("jetson-orin")));
        Assert.Equal((10, 0, 20), Facts(TargetProfiles.Get("trt10")));
        Assert.Equal((11, 0, 24), Facts(TargetProfiles.Get("TRT11")));
    }

    [Fact]
    public void Device_facts_follow_the_hardware_generations()
    {
        var nano = TargetProfiles.JetsonNano;
        Assert.False(nano.FastInt8);
        Assert.False(nano.SparseTensorCores);
        Assert.Equal(0, nano.DlaCores);
        Assert.False(nano.UsesMemPoolSize);

        Assert.Equal(2, TargetProfiles.JetsonXavier.DlaCores);
        Assert.False(TargetProfiles.JetsonXavier.SparseTensorCores);

        Assert.True(TargetProfiles.JetsonOrin.SparseTensorCores);
        Assert.NotNull(TargetProfiles.JetsonOrin.DlaNote);

        Assert.True(TargetProfiles.TensorRt11.StronglyTyped);
        Assert.All(TargetProfiles.All.Where(t => t.Name != "trt11"), t => Assert.False(t.StronglyTyped));
    }

    [Fact]
    public void Each_newer_parser_imports_everything_the_older_one_does()
    {
        var parsers = TargetProfiles.All.Select(t => t.Parser).Distinct().OrderBy(p => p.MaxOpset).ToList();
        for (int i = 1; i < parsers.Count; i++)
        {
            Assert.Superset(new HashSet<string>(parsers[i - 1].Operators), new HashSet<string>(parsers[i].Operators));
        }

        Assert.Contains("Conv", TargetProfiles.JetsonNano.Parser.ConstantInputs.Keys);
        Assert.DoesNotContain("Conv", TargetProfiles.JetsonXavier.Parser.ConstantInputs.Keys);
        Assert.False(TargetProfiles.JetsonNano.Parser.Supports("HardSwish"));
        Assert.True(TargetProfiles.JetsonXavier.Parser.Supports("HardSwish"));
        Assert.False(TargetProfiles.JetsonXavier.Parser.Supports("LayerNormalization"));
        Assert.True(TargetProfiles.JetsonOrin.Parser.Supports("LayerNormalization"));
    }

    [Fact]
    public void Unknown_target_names_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => TargetProfiles.Get("jetson-tx2"));
        Assert.Contains("jetson-nano, jetson-xavier, jetson-orin, trt10, trt11", error.Message);
    }

    private static (int Major, int Minor, int MaxOpset) Facts(TargetProfile target) => (target.TensorRt.Major, target.TensorRt.Minor, target.Parser.MaxOpset);
}
