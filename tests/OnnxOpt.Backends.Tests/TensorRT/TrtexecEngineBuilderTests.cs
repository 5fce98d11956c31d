using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Backends.TensorRT.Trtexec;
using OnnxOpt.Backends.TensorRT;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Backends.Tests.TensorRT;

/// <summary>The trtexec driver end to end against Fixtures/fake-trtexec.sh, which prints constructed sample logs.</summary>
public sealed class TrtexecEngineBuilderTests
{
    [SkippableFact]
    public void Builds_with_the_planned_command_parses_the_summary_and_reuses_the_cached_engine()
    {
        Skip.If(OperatingSystem.IsWindows(), "the fake trtexec is a bash script");
        using var fake = new FakeTrtexec("trt10.3-jetson-orin.log");
        using var temp = new TempDirectory();
        string model = SaveModel(temp, TestModels.ConvRelu(sparse24: true));
        var builder = new TrtexecEngineBuilder(new EngineCache(temp.File("cache")), () => null);
        var request = Request(fake, model, temp.File("out.engine"), TargetProfiles.JetsonOrin) with { Options = new EngineOptions { WorkspaceMiB = 2048 } };

        var first = builder.Build(request);

        Assert.False(first.FromCache);
        Assert.Equal("Orin", first.DeviceName);
        Assert.Equal("fake TensorRT engine\n", File.ReadAllText(temp.File("out.engine")));
        var args = Assert.Single(fake.Invocations);
        Assert.Equal($"--onnx={model}", args[0]);
        Assert.StartsWith("--saveEngine=" + temp.File("cache"), args[1], StringComparison.Ordinal);
        Assert.Equal(["--fp16", "--sparsity=enable", "--memPoolSize=workspace:2048"], args.Skip(2).Take(3));
        Assert.StartsWith("--timingCacheFile=" + Path.Combine(temp.File("cache"), "timing", "jetson-orin_trt10.3.0_Orin.cache"), args[5], StringComparison.Ordinal);
        Assert.Equal(400.775, first.Summary!.ThroughputQps!.Value, 3);

        File.Delete(temp.File("out.engine"));
        var second = builder.Build(request);

        Assert.True(second.FromCache);
        Assert.Equal(first.CacheKey, second.CacheKey);
        Assert.Single(fake.Invocations);
        Assert.Equal("fake TensorRT engine\n", File.ReadAllText(temp.File("out.engine")));
        Assert.Equal(first.Summary.ThroughputQps, second.Summary!.ThroughputQps);
        Assert.Equal(first.Command, second.Command);
    }

    [SkippableFact]
    public void A_change_of_options_device_or_version_builds_again()
    {
        Skip.If(OperatingSystem.IsWindows(), "the fake trtexec is a bash script");
        using var fake = new FakeTrtexec("trt8.5-jetson-xavier.log");
        using var temp = new TempDirectory();
        string model = SaveModel(temp, TestModels.ConvRelu());
        var builder = new TrtexecEngineBuilder(new EngineCache(temp.File("cache")), () => null);
        var request = Request(fake, model, temp.File("out.engine"), TargetProfiles.JetsonXavier);

        var keys = new[]
        {
            builder.Build(request).CacheKey,
            builder.Build(request with { Options = new EngineOptions { DlaCore = 0 } }).CacheKey,
            builder.Build(request with { DeviceName = "Jetson Xavier NX" }).CacheKey,
            builder.Build(request with { TensorRtVersion = "8.5.3" }).CacheKey,
            builder.Build(request).CacheKey,
        };

        Assert.Equal(4, fake.Invocations.Count);
        Assert.Equal(4, keys.Distinct().Count());
        Assert.Equal(keys[0], keys[4]);
        Assert.Equal(["--useDLACore=0", "--allowGPUFallback"], fake.Invocations[1].Skip(3).Take(2));
    }

    [SkippableFact]
    public void A_trtexec_failure_is_one_line_naming_the_parser_error_and_leaves_nothing_behind()
    {
        Skip.If(OperatingSystem.IsWindows(), "the fake trtexec is a bash script");
        using var fake = new FakeTrtexec("trt8.2-parse-failure.log", exitCode: 1);
        using var temp = new TempDirectory();
        string model = SaveModel(temp, TestModels.ConvRelu());
        var builder = new TrtexecEngineBuilder(new EngineCache(temp.File("cache")), () => null);

        var error = Assert.Throws<EngineBuildException>(() => builder.Build(Request(fake, model, temp.File("out.engine"), TargetProfiles.JetsonNano)));

        Assert.StartsWith("trtexec failed (exit code 1): ModelImporter.cpp:773: While parsing node number 2 [ConvInteger", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(File.Exists(temp.File("out.engine")));
        Assert.Empty(Directory.GetFiles(temp.File("cache"), "*.engine", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_dry_run_plans_a_portable_command_without_trtexec()
    {
        using var temp = new TempDirectory();
        string model = SaveModel(temp, TestModels.ConvRelu());
        var request = new EngineBuildRequest { ModelPath = model, OutputPath = temp.File("out.engine"), Target = TargetProfiles.JetsonNano, Trtexec = temp.File("absent") };

        var (plan, command) = TrtexecEngineBuilder.DryRun(request);
        var (_, withCache) = TrtexecEngineBuilder.DryRun(request with { TimingCachePath = "nano.timing" });

        Assert.Equal(Precision.Fp16, plan.Precision);
        // No host cache path unless one is named: the engine cache's timing cache belongs to this host.
        Assert.Equal([$"--onnx={model}", $"--saveEngine={temp.File("out.engine")}", "--fp16"], command.Arguments);
        Assert.Equal("--timingCacheFile=nano.timing", withCache.Arguments[3]);
        Assert.False(File.Exists(temp.File("out.engine")));
        Assert.False(Directory.Exists(temp.File("cache")));
    }

    [Fact]
    public void A_dry_run_keeps_relative_paths_relative()
    {
        var request = new EngineBuildRequest { ModelPath = "models/yolo.onnx", OutputPath = "yolo.engine", Target = TargetProfiles.JetsonNano };
        var plan = EnginePlanner.Plan(TargetProfiles.JetsonNano, request.Options, ModelFacts.Inspect(TestModels.ConvRelu()), TestModels.ConvRelu());

        Assert.Equal(["--onnx=models/yolo.onnx", "--saveEngine=yolo.engine", "--fp16"], TrtexecEngineBuilder.PortableCommand(plan, request).Arguments);
    }

    [Fact]
    public void A_missing_trtexec_says_how_to_give_one()
    {
        using var temp = new TempDirectory();
        string model = SaveModel(temp, TestModels.ConvRelu());
        var builder = new TrtexecEngineBuilder(new EngineCache(temp.File("cache")), () => null);
        var request = new EngineBuildRequest { ModelPath = model, OutputPath = temp.File("out.engine"), Target = TargetProfiles.TensorRt10, Trtexec = temp.File("no-such-trtexec") };

        var error = Assert.Throws<EngineBuildException>(() => builder.Build(request));
        Assert.Contains("--trtexec", error.Message);
    }

    [Fact]
    public void The_engine_never_overwrites_the_model()
    {
        using var temp = new TempDirectory();
        string model = SaveModel(temp, TestModels.ConvRelu());
        var builder = new TrtexecEngineBuilder(new EngineCache(temp.File("cache")), () => null);
        var error = Assert.Throws<EngineBuildException>(() => builder.Build(new EngineBuildRequest { ModelPath = model, OutputPath = model, Target = TargetProfiles.TensorRt10 }));
        Assert.Contains("overwrite the model", error.Message);
    }

    [Fact]
    public void The_device_name_comes_from_the_option_then_nvidia_smi_then_the_profile()
    {
        Assert.Equal("Given", DeviceNameResolver.Resolve("Given", TargetProfiles.JetsonNano, () => "Probed"));
        Assert.Equal("Probed", DeviceNameResolver.Resolve(null, TargetProfiles.JetsonNano, () => "Probed"));
        Assert.Equal("NVIDIA Tegra X1", DeviceNameResolver.Resolve(null, TargetProfiles.JetsonNano, () => null));
        Assert.Equal("unknown", DeviceNameResolver.Resolve(" ", TargetProfiles.TensorRt10, () => null));
    }

    [Fact]
    public void Cache_keys_depend_on_every_component()
    {
        string baseKey = EngineCacheKey.Compute("abc", "trt10", "precision=fp16", "10.3", "Orin");
        Assert.Equal(64, baseKey.Length);
        Assert.Equal(baseKey, EngineCacheKey.Compute("abc", "trt10", "precision=fp16", "10.3", "Orin"));
        Assert.NotEqual(baseKey, EngineCacheKey.Compute("abd", "trt10", "precision=fp16", "10.3", "Orin"));
        Assert.NotEqual(baseKey, EngineCacheKey.Compute("abc", "trt11", "precision=fp16", "10.3", "Orin"));
        Assert.NotEqual(baseKey, EngineCacheKey.Compute("abc", "trt10", "precision=fp32", "10.3", "Orin"));
        Assert.NotEqual(baseKey, EngineCacheKey.Compute("abc", "trt10", "precision=fp16", "10.4", "Orin"));
        Assert.NotEqual(baseKey, EngineCacheKey.Compute("abc", "trt10", "precision=fp16", "10.3", "unknown"));
    }

    [Fact]
    public void The_model_hash_covers_external_data()
    {
        using var temp = new TempDirectory();
        var model = TestModels.ConvRelu();
        string path = temp.File("ext.onnx");
        ModelWriter.Save(model, path, new WriteOptions { ExternalData = true, ExternalDataThreshold = 0 });
        string before = EngineCacheKey.HashModel(path, ModelReader.Load(path));
        var data = File.ReadAllBytes(path + ".data");
        data[^1] ^= 0x40;
        File.WriteAllBytes(path + ".data", data);
        Assert.NotEqual(before, EngineCacheKey.HashModel(path, ModelReader.Load(path)));
    }

    private static string SaveModel(TempDirectory temp, Model model)
    {
        string path = temp.File("model.onnx");
        ModelWriter.Save(model, path);
        return path;
    }

    private static EngineBuildRequest Request(FakeTrtexec fake, string model, string output, TargetProfile target) => new()
    {
        ModelPath = model,
        OutputPath = output,
        Target = target,
        Trtexec = fake.Path,
        Environment = fake.Environment,
    };
}
