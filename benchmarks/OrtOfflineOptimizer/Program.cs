using Microsoft.ML.OnnxRuntime;

// ort-offline-optimize MODEL OUT [basic|extended|all]: saves ONNX Runtime's optimized graph of MODEL to OUT.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: OrtOfflineOptimizer MODEL OUT [basic|extended|all]");
    return 2;
}

var level = (args.Length > 2 ? args[2] : "basic") switch
{
    "extended" => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
    "all" => GraphOptimizationLevel.ORT_ENABLE_ALL,
    _ => GraphOptimizationLevel.ORT_ENABLE_BASIC,
};
using var options = new SessionOptions { GraphOptimizationLevel = level, OptimizedModelFilePath = args[1] };
using var session = new InferenceSession(args[0], options);
return 0;
