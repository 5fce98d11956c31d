using OnnxOpt.Graph.Verification;

namespace OnnxOpt.Passes.Infrastructure;

/// <summary>`--verify-each` found the model broken right after a pass: names the pass and the first problem.</summary>
public sealed class PassVerificationException : Exception
{
    public PassVerificationException(string passText, IReadOnlyList<Diagnostic> errors)
        : base($"pass {passText} produced an invalid model: {errors[0].ToString()["error: ".Length..]}{(errors.Count > 1 ? $" (and {errors.Count - 1} more)" : string.Empty)}")
    {
        PassText = passText;
        Errors = errors;
    }

    public string PassText { get; }

    public IReadOnlyList<Diagnostic> Errors { get; }
}
