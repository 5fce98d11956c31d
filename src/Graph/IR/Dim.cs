namespace OnnxOpt.Graph.IR;

/// <summary>One dimension of a shape: a known size, a named symbol (<c>batch</c>), or unknown.</summary>
public readonly record struct Dim
{
    private Dim(long? value, string? param)
    {
        Value = value;
        Param = param;
    }

    public long? Value { get; }

    public string? Param { get; }

    public bool IsKnown => Value.HasValue;

    public static Dim Unknown => default;

    public static Dim Of(long value) => new(value, null);

    public static Dim Symbol(string param) => new(null, param);

    public static implicit operator Dim(long value) => Of(value);

    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Param ?? "?";
}
