namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>
/// How to get past a finding: <see cref="Pipeline"/> is pipeline text `onnxopt opt` accepts (a pass such as
/// <c>fold-constants</c>, <c>convert-opset{version=13}</c>, or a preset such as <c>tensorrt-prepare</c>), or null
/// when no pass does it and <see cref="Hint"/> says what to do instead.
/// </summary>
public sealed record SuggestedFix(string? Pipeline, string Hint)
{
    public override string ToString() => Pipeline is null ? Hint : $"{Pipeline} ({Hint})";
}
