using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Driver;

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

    /// <summary>
    /// Optimizes every planned model; <paramref name="onFinished"/> is called once per model as it is renamed
    /// into place or fails, from the committer thread or a worker thread, possibly at the same time.
    /// </summary>
    /// <remarks>
    /// Workers write each output under a temporary name and hand it to one committer thread that renames it
    /// into place. Replacing an existing file on ext4 waits for the disk inside the rename (see
    /// <see cref="PendingWrite"/>); with the renames off the workers, that wait overlaps the next model's work.
    /// </remarks>
    public IReadOnlyList<BatchItem> Run(IReadOnlyList<(string Input, string Output)> plan, Action<BatchItem>? onFinished = null)
    {
        var results = new BatchItem[plan.Count];
        void Finish(int index, BatchItem item)
        {
            results[index] = item;
            onFinished?.Invoke(item);
        }

        int workers = Math.Max(1, jobs);
        ExceptionDispatchInfo? callbackFailure = null;

        // Bounded, so a fast pipeline cannot pile up temporary files faster than they are renamed.
        using var written = new BlockingCollection<(int Index, OptimizeResult Result, PendingWrite Output)>(boundedCapacity: 2 * workers);
        var committer = Task.Factory.StartNew(
            () =>
            {
                foreach (var (index, result, output) in written.GetConsumingEnumerable())
                {
                    var item = Commit(plan[index], result, output);
                    try
                    {
                        Finish(index, item);
                    }
                    catch (Exception e)
                    {
                        // Keep draining, or workers would wait forever on the full queue; rethrown below.
                        callbackFailure ??= ExceptionDispatchInfo.Capture(e);
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = options.Cancellation };
            Parallel.For(0, plan.Count, parallel, i =>
            {
                var (input, output) = plan[i];
                try
                {
                    // Each job gets its own pipeline: pass instances may keep per-run state.
                    var (result, pending) = new ModelOptimizer(pipelineFactory(), options).OptimizePending(input, output);
                    written.Add((i, result, pending), CancellationToken.None);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Finish(i, new BatchItem(input, output, null, e.Message));
                }
            });
        }
        finally
        {
            // Models that were written before a cancellation are still renamed into place.
            written.CompleteAdding();
            committer.Wait(CancellationToken.None);
        }

        callbackFailure?.Throw();
        return results;
    }

    private static BatchItem Commit((string Input, string Output) planned, OptimizeResult result, PendingWrite output)
    {
        using (output)
        {
            try
            {
                output.Commit();
                return new BatchItem(planned.Input, planned.Output, result, null);
            }
            catch (Exception e)
            {
                // Whatever the rename throws fails this model only: the committer must keep draining the queue.
                return new BatchItem(planned.Input, planned.Output, null, $"cannot write '{planned.Output}': {e.Message}");
            }
        }
    }
}
