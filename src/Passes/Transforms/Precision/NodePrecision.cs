namespace OnnxOpt.Passes.Transforms.Precision;

/// <summary>How `convert-fp16` treats one node.</summary>
internal enum NodePrecision
{
    /// <summary>Runs in float16: its float32 inputs and outputs become float16.</summary>
    Float16,

    /// <summary>Stays float32 (blocked, custom domain, or float32 by spec): float16 inputs are cast back to float32.</summary>
    Float32,

    /// <summary>A constant or a Cast to float: its output takes the precision its users need (float32 constants feeding only float32 ops stay exact).</summary>
    FollowUses,
}
