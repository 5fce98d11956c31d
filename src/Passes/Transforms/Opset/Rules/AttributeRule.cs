using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Opset.Rules;

/// <summary>
/// A version that added an attribute (or new values of one). Going below it, the attribute must be absent or have a
/// value the older operator behaves like; it is then removed when <see cref="Remove"/> is set. Going above it, an
/// attribute can be set explicitly when the new default differs from the old behaviour (<see cref="SetOnUpgrade"/>).
/// </summary>
internal sealed class AttributeRule : IVersionRule
{
    private AttributeRule(string name, Func<NodeAttribute, bool> behavesAsOld, bool remove, string meaning, NodeAttribute? setOnUpgrade = null)
    {
        Name = name;
        BehavesAsOld = behavesAsOld;
        Remove = remove;
        Meaning = meaning;
        SetOnUpgrade = setOnUpgrade;
    }

    public string Name { get; }

    /// <summary>True when a value gives the behaviour the operator had before the version.</summary>
    public Func<NodeAttribute, bool> BehavesAsOld { get; }

    /// <summary>Whether the attribute must be removed when going below the version (it did not exist there).</summary>
    public bool Remove { get; }

    /// <summary>What a value that fails <see cref="BehavesAsOld"/> means, for the refusal message.</summary>
    public string Meaning { get; }

    public NodeAttribute? SetOnUpgrade { get; }

    /// <summary>An integer attribute added with a default the old operator behaved like.</summary>
    public static AttributeRule IntDefault(string name, long value, string meaning) =>
        new(name, a => a.RawValue is long v && v == value, remove: true, meaning);

    /// <summary>A string attribute added with a default the old operator behaved like.</summary>
    public static AttributeRule StringDefault(string name, string value, string meaning) =>
        new(name, a => a.RawValue is byte[] && a.AsString() == value, remove: true, meaning);

    /// <summary>An ints attribute (dilations) whose all-ones value is the old behaviour.</summary>
    public static AttributeRule AllOnes(string name, string meaning) =>
        new(name, a => a.RawValue is long[] values && values.All(v => v == 1), remove: true, meaning);

    /// <summary>An attribute that has no effect on any type the older opset can express (Cast's saturate), so it is dropped.</summary>
    public static AttributeRule Ignored(string name) => new(name, _ => true, remove: true, string.Empty);

    /// <summary>An existing string attribute that gained values; the attribute stays, new values are refused.</summary>
    public static AttributeRule NewValues(string name, string meaning, params string[] values) =>
        new(name, a => a.RawValue is byte[] && !values.Contains(a.AsString()), remove: false, meaning);

    /// <summary>A string attribute whose new default differs from the old behaviour, which the old value spells out.</summary>
    public static AttributeRule ExplicitOld(string name, string oldBehaviour, string meaning) =>
        new(name, a => a.RawValue is byte[] && a.AsString() == oldBehaviour, remove: true, meaning, NodeAttribute.String(name, oldBehaviour));

    public RulePlan Plan(NodeConversion node, int since)
    {
        var attribute = node.Node.FindAttribute(Name);
        if (node.CrossesDown(since))
        {
            if (attribute is null)
            {
                // An absent attribute means the new default, which is only the old behaviour when nothing had to be spelled out.
                return SetOnUpgrade is null
                    ? RulePlan.Nothing
                    : RulePlan.Refuse($"attribute {Name} is absent, which {Meaning} from opset {since} on; before it the operator always behaves as {SetOnUpgrade}");
            }

            if (!BehavesAsOld(attribute))
            {
                return RulePlan.Refuse($"attribute {attribute} {Meaning}, which does not exist before opset {since}");
            }

            return Remove ? RulePlan.Do(() => node.Node.RemoveAttribute(Name)) : RulePlan.Nothing;
        }

        if (SetOnUpgrade is not null && attribute is null)
        {
            return RulePlan.Do(() => node.Node.SetAttribute(SetOnUpgrade));
        }

        return RulePlan.Nothing;
    }
}
