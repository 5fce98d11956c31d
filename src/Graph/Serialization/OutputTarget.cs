namespace OnnxOpt.Graph.Serialization;

/// <summary>One path a command will write: <paramref name="Role"/> names it in messages (<c>--report</c>, <c>output</c>).</summary>
/// <param name="AllowsStdout">True for reports and JSON, where <c>-</c> means standard output.</param>
/// <param name="IsFolder">True for a folder the command fills (<c>--dump-dir</c>).</param>
public sealed record OutputTarget(string Path, string Role, bool AllowsStdout = false, bool IsFolder = false)
{
    public bool IsStdout => AllowsStdout && Path == OutputPaths.StandardOutput;
}
