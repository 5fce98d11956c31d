using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset;

/// <summary>
/// The version history of one default-domain operator from opset 7 on: the opset it appeared in, the versions at
/// which its signature changed with the rules for crossing each, and, where the operator was removed from the
/// standard (Upsample, Scatter), the opset it disappeared at. <see cref="Replacement"/> rewrites the node into other
/// operators when the target opset predates it or postdates its removal; without one the conversion is refused.
/// </summary>
internal sealed record OpHistory(string Name, int Introduced, IReadOnlyList<OpChange> Changes, IVersionRule? Replacement = null, int? RemovedAt = null)
{
    /// <summary>The changes a conversion between the two opsets crosses, in ascending order.</summary>
    public IEnumerable<OpChange> Crossed(int source, int target)
    {
        int low = Math.Min(source, target), high = Math.Max(source, target);
        return Changes.Where(c => c.Since > low && c.Since <= high);
    }

    /// <summary>The operator version in effect at an opset.</summary>
    public int VersionAt(int opset) => Changes.Where(c => c.Since <= opset).Select(c => c.Since).DefaultIfEmpty(Introduced).Max();
}
