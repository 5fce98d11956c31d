using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>
/// Combines an inferred type with a declared one: declared facts always win, inferred facts fill what the
/// declaration leaves open (unknown type, unknown rank, unknown or symbolic dims). Contradictions are reported.
/// </summary>
internal static class TypeMerge
{
    public static TensorType Merge(TensorType? inferred, DataType declaredType, Shape? declaredShape, out string? conflict)
    {
        conflict = null;
        if (inferred is null)
        {
            return new TensorType(declaredType, declaredShape);
        }

        var type = declaredType;
        if (type == DataType.Undefined)
        {
            type = inferred.ElementType;
        }
        else if (inferred.ElementType != DataType.Undefined && inferred.ElementType != type)
        {
            conflict = $"inferred element type {inferred.ElementType.OnnxName()} but {type.OnnxName()} is declared";
        }

        if (declaredShape is null || inferred.Shape is null)
        {
            return new TensorType(type, declaredShape ?? inferred.Shape);
        }

        if (declaredShape.Rank != inferred.Shape.Rank)
        {
            conflict ??= $"inferred shape {inferred.Shape} but {declaredShape} is declared";
            return new TensorType(type, declaredShape);
        }

        var dims = new Dim[declaredShape.Rank];
        for (int i = 0; i < dims.Length; i++)
        {
            var declared = declaredShape[i];
            var found = inferred.Shape[i];
            if (declared.IsKnown && found.IsKnown && declared.Value != found.Value)
            {
                conflict ??= $"inferred shape {inferred.Shape} but {declaredShape} is declared";
            }

            dims[i] = declared.IsKnown ? declared : found.IsKnown ? found : declared.Param is not null ? declared : found;
        }

        return new TensorType(type, new Shape(dims));
    }
}
