using System.Diagnostics.CodeAnalysis;
using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Passes.Infrastructure;

/// <summary>
/// Base of every pass's options record. Properties marked with <see cref="PassOptionAttribute"/> are bound from
/// `{key=value}` pipeline text and printed back by the canonical form. <see cref="Validate"/> rejects bad combinations.
/// </summary>
[DynamicallyAccessedMembers(OptionBinder.OptionsMembers)]
public abstract record PassOptions
{
    /// <summary>Returns a message naming the offending option when the values are not usable together, else null.</summary>
    public virtual string? Validate() => null;
}
