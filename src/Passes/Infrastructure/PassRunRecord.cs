namespace OnnxOpt.Passes.Infrastructure;

/// <summary>One executed pass: its canonical text, whether it changed the model, its time and its counters.</summary>
public sealed record PassRunRecord(int Index, string PassName, string PipelineText, bool Changed, TimeSpan Elapsed, PassStatistics Statistics);
