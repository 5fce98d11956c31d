using BenchmarkDotNet.Running;
using OnnxOpt.Benchmarks;

// "peak-memory [MODEL]" measures resident memory of one load+verify+save; anything else goes to BenchmarkDotNet
// (e.g. "--filter *LoadVerifySave*"), so later benchmark classes only need to be added to this assembly.
if (args is ["peak-memory", .. var rest])
{
    return PeakMemory.Run(rest);
}

// "batch-scaling" times BatchOptimizer with 1 and 2 jobs in interleaved rounds on generated models.
if (args is ["batch-scaling", .. var options])
{
    return BatchScaling.Run(options);
}

// "coco-metrics" times COCO metrics on a synthetic 5,000-image set; "eval-overhead" compares a whole evaluation of
// yolov8n on coco128-dev with ONNX Runtime inference alone, interleaved.
if (args is ["coco-metrics", .. var metricsOptions])
{
    return CocoMetricsScaling.Run(metricsOptions);
}

if (args is ["eval-overhead", .. var evalOptions])
{
    return EvalOverhead.Run(evalOptions);
}

SharedFixture.Require(SharedFixture.YoloV8n);
BenchmarkSwitcher.FromAssembly(typeof(LoadVerifySaveBenchmarks).Assembly).Run(args);
return 0;
