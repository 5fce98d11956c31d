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

// "eval-breakdown" times each non-inference stage of that evaluation alone, per image.
if (args is ["eval-breakdown", .. var breakdownOptions])
{
    return EvalBreakdown.Run(breakdownOptions);
}

// "int8-latency FLOAT INT8" compares ONNX Runtime CPU latency of a float and an INT8 model in interleaved rounds.
if (args is ["int8-latency", .. var models])
{
    return Int8Latency.Run(models);
}

// "int8-accuracy DATASET MODEL..." prints COCO mAP of each model with the evaluation library.
if (args is ["int8-accuracy", .. var evaluated])
{
    return Int8Accuracy.Run(evaluated);
}

// "prune-channels-timing MODEL [CALIBRATION_DIR]" times the prune-channels pass, and its reconstruction on 32 images.
if (args is ["prune-channels-timing", .. var pruneArgs])
{
    return PruneChannelsTiming.Run(pruneArgs);
}

// "scale-models DIR [--nodes N]" writes the IR scale benchmark's chain and fan-out models (scripts/bench-scale.sh).
if (args is ["scale-models", .. var scaleArgs])
{
    return ScaleModels.Run(scaleArgs);
}

// "scale-profile PIPELINE MODEL... [--verify-each]" prints each pass's CPU time, to find passes that grow faster than the model,
// and with --verify-each what the input check, verify-each and writing cost.
if (args is ["scale-profile", .. var profileArgs])
{
    return ScaleProfile.Run(profileArgs);
}

// "ir-edits [N...]" times N of each IR edit (append, insert, remove, replace all uses, rename) in process.
if (args is ["ir-edits", .. var editArgs])
{
    return IrEditTiming.Run(editArgs);
}

SharedFixture.Require(SharedFixture.YoloV8n);
BenchmarkSwitcher.FromAssembly(typeof(LoadVerifySaveBenchmarks).Assembly).Run(args);
return 0;
