using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Folding;
using OnnxOpt.Passes.Transforms.Opset;
using OnnxOpt.Passes.Transforms.Precision;
using OnnxOpt.Passes.Transforms.Pruning;
using OnnxOpt.Passes.Transforms.Pruning.Channels;
using OnnxOpt.Passes.Transforms.Quantization;
using OnnxOpt.Passes.Transforms.Shapes;
using OnnxOpt.Passes.Transforms;

namespace OnnxOpt.Passes.Registry;

/// <summary>
/// The whole list of built-in passes and presets, one row each. Adding a pass means adding its row here
/// (see docs/ARCHITECTURE.md, "Adding a pass").
/// </summary>
internal static class PassTable
{
    public static void RegisterAll(PassRegistry registry)
    {
        // Cleanup
        registry.Register(PassInfo.Of<NoOptions>("eliminate-dead-nodes", "Remove nodes whose outputs reach no graph output.", o => new EliminateDeadNodes(o)));
        registry.Register(PassInfo.Of<NoOptions>("eliminate-unused-initializers", "Remove initializers nothing reads.", o => new EliminateUnusedInitializers(o)));
        registry.Register(PassInfo.Of<NoOptions>("topo-sort", "Order nodes topologically, keeping the existing order where valid.", o => new TopologicalSort(o)));
        registry.Register(PassInfo.Of<NoOptions>("eliminate-identity", "Remove Identity, inference Dropout and provably no-op Cast/Reshape/Transpose/Expand/Pad/Slice/Concat/Split.", o => new EliminateIdentity(o)));
        registry.Register(PassInfo.Of<NoOptions>("eliminate-neutral-arith", "Remove Add/Sub of constant zeros, Mul/Div by constant ones and Pow with exponent one where the broadcast keeps the shape.", o => new EliminateNeutralArith(o)));
        registry.Register(PassInfo.Of<NoOptions>("fuse-reshape-shape", "Replace a Reshape's Shape/Gather/Concat-built shape by a constant with 0 for dims copied from its own input.", o => new FuseReshapeShape(o)));
        registry.Register(PassInfo.Of<NoOptions>("dedupe-initializers", "Merge byte-identical initializers.", o => new DedupeInitializers(o)));
        registry.Register(PassInfo.Of<NoOptions>("cse", "Merge nodes computing the same op on the same inputs (common subexpression elimination).", o => new CommonSubexpressionElimination(o)));
        registry.Register(PassInfo.Of<NoOptions>("fuse-conv-bn", "Fold inference BatchNormalization into the preceding Conv's weight and bias.", o => new FuseConvBn(o)));
        registry.Register(PassInfo.Of<NoOptions>("fuse-conv-add", "Fold an Add of a per-channel constant into the preceding Conv's bias.", o => new FuseConvAdd(o)));
        registry.Register(PassInfo.Of<NoOptions>("fuse-conv-mul", "Fold a Mul by a per-channel constant into the preceding Conv's weight and bias.", o => new FuseConvMul(o)));

        // Precision
        registry.Register(PassInfo.Of<ConvertFloat16Options>("convert-fp16", "Convert float32 weights, constants and values to float16, keeping blocked ops and (by default) graph inputs/outputs float32.", o => new ConvertFloat16(o)));
        registry.Register(PassInfo.Of<FoldCastsOptions>("fold-casts", "Remove identity and lossless Cast chains, fold Casts of constants into initializers, merge duplicate Casts.", o => new FoldCasts(o)));

        // Shapes and constant folding
        registry.Register(PassInfo.Of<NoOptions>("infer-shapes", "Infer element types and shapes of node outputs (never contradicting declared ones).", o => new InferShapes(o)));
        registry.Register(PassInfo.Of<FixInputShapeOptions>("fix-input-shape", "Give graph inputs fixed dims (images=1x3x640x640), bind their symbols and propagate shapes.", o => new FixInputShape(o)));
        registry.Register(PassInfo.Of<FoldConstantsOptions>("fold-constants", "Evaluate nodes with constant inputs (and Shape/Size of static shapes) into initializers.", o => new FoldConstants(o)));

        // Conversion
        registry.Register(PassInfo.Of<ConvertOpsetOptions>("convert-opset", "Rewrite the model to another default-domain opset (11 to 22), refusing nodes the target cannot express.", o => new ConvertOpset(o)));

        // Pruning
        registry.Register(PassInfo.Of<PruneConvL1Options>("prune-conv-l1", "Zero the smallest-magnitude Conv weights (L1 pruning: per layer, global threshold, or 2:4).", o => new PruneConvL1(o)));
        registry.Register(PassInfo.Of<PruneChannelsOptions>("prune-channels", "Remove whole Conv channels by dependency groups (structured pruning: smaller tensors, faster on every runtime).", o => new PruneChannels(o)));

        // Quantization
        registry.Register(PassInfo.Of<QuantizeInt8Options>("quantize-int8", "Static INT8 quantization in Q/DQ form, calibrated on --calibration-data (ONNX Runtime U8S8 or TensorRT symmetric).", o => new QuantizeInt8(o)));

        registry.Register(PassInfo.Of<NoOptions>("dequantize", "Turn quantized ops (dynamic ConvInteger/MatMulInteger, QLinearConv/MatMul, Q/DQ pairs, DQ of constants) back into float ops.", o => new Dequantize(o)));

        // Presets
        registry.Register(new PresetInfo("cleanup", "Remove no-ops, duplicates and dead code and fold per-channel affine ops into Convs, until nothing changes.", "fixpoint{max-iterations=8}(eliminate-identity,eliminate-neutral-arith,dedupe-initializers,cse,fuse-conv-bn,fuse-conv-add,fuse-conv-mul,fuse-reshape-shape,eliminate-dead-nodes,eliminate-unused-initializers)"));
        registry.Register(new PresetInfo("paper", "The paper's recipe: prune Conv weights (L1, 5%), fold constants, clean up, convert to float16, fold Casts.", "prune-conv-l1{amount=0.05},fold-constants,cleanup,convert-fp16,fold-casts"));
        registry.Register(new PresetInfo("prune-channels-25", "Structured pruning for speed: remove whole channels until Conv FLOPs drop by 25% (ranked by what removal costs on calibration images, means moved into the next biases, consumers refitted; multiples of 8, Ultralytics head kept), then clean up (needs --calibration-data).", "prune-channels{target-flops=0.25 criterion=variance ranking=per-flop max-per-group=0.9 reconstruct=true ridge=0.05},cleanup"));
        registry.Register(new PresetInfo("fp16", "Fold constants, clean up, convert to float16 and fold Casts.", "fold-constants,cleanup,convert-fp16,fold-casts"));
        registry.Register(new PresetInfo("int8-cpu", "Fold constants, clean up, and quantize to INT8 Q/DQ for ONNX Runtime's CPU kernels (percentile ranges, the 2 most sensitive layers kept float; needs --calibration-data).", "fold-constants,cleanup,quantize-int8{target=ort calibrator=percentile keep-float=2}"));
        registry.Register(new PresetInfo("int8-tensorrt", "Fold constants, clean up, and quantize to symmetric INT8 Q/DQ for TensorRT explicit precision (needs --calibration-data).", "fixpoint{max-iterations=8}(fold-constants,cleanup),quantize-int8{target=tensorrt}"));
        registry.Register(new PresetInfo("tensorrt-prepare", "Fold shape arithmetic and constants for TensorRT, to a fixed point; prepend fix-input-shape{images=1x3x640x640} to fix dynamic inputs first.", "fixpoint{max-iterations=8}(fold-constants,cleanup)"));
    }
}
