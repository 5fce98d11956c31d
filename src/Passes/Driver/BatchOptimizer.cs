using OnnxOpt.Graph;

namespace OnnxOpt.Passes;

/// <summary>
/// Optimizes many models in parallel (one model per worker; passes themselves are single-threaded), keeps going
/// when one fails, and reports each model's outcome as it finishes.
/// </summary>
public sealed class BatchOptimizer(Func<Pipeline> pipelineFactory, OptimizeOptions options, int jobs)
{
    /// <summary>Plans the output path of every input; two inputs that would write the same file are refused up front.</summary>
    public static IReadOnlyList<(string Input, string Output)> Plan(IReadOnlyList<string> inputs, string outputDirectory)
    {
        var plan = new List<(string, string)>();
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            string output = Path.GetFullPath(Path.Combine(outputDirectory, Path.GetFileName(input)));
            if (taken.TryGetValue(output, out var other))
            {
                throw new ArgumentException($"'{input}' and '{other}' would both be written to '{output}'");
            }

            if (PathIdentity.Same(output, input))
            {
                throw new ArgumentException($"'{input}' would be overwritten: choose an output folder other than the input's");
            }

            taken[output] = input;
            plan.Add((input, output));
        }

        return plan;
    }

    public IReadOnlyList<BatchItem> Run(IReadOnlyList<(string Input, string Output)> plan, Action<BatchItem>? onFinished = null)
    {
        var results = new BatchItem[plan.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = options.Cancellation };
        Parallel.For(0, plan.Count, parallel, i =>
        {
            var (input, output) = plan[i];
            BatchItem item;
            try
            {
                // Each job gets its own pipeline: pass instances may keep per-run state.
                var result = new ModelOptimizer(pipelineFactory(), options).Optimize(input, output);
                item = new BatchItem(input, output, result, null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                item = new BatchItem(input, output, null, e.Message);
            }

            results[i] = item;
            onFinished?.Invoke(item);
        });
        return results;
    }
}
