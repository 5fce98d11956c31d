using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.OnnxRuntime;

/// <summary>
/// Compares outputs element by element. An element fails only when both its absolute error exceeds
/// <c>atol</c> and its relative error exceeds <c>rtol</c>, so tiny values and large values are each judged
/// by the bound that makes sense for them. NaN must match NaN.
/// </summary>
public static class OutputComparer
{
    public static OutputStatistics Compare(string name, Tensor reference, Tensor candidate, double atol, double rtol)
    {
        if (!reference.Dims.SequenceEqual(candidate.Dims))
        {
            return Failed(name, reference, $"shape [{string.Join(",", candidate.Dims)}] differs from the reference [{string.Join(",", reference.Dims)}]");
        }

        if (reference.Strings is not null || candidate.Strings is not null)
        {
            bool same = reference.ContentEquals(candidate);
            return new OutputStatistics(name, reference.ElementCount, 0, 0, 0, 1, same ? 0 : 1, same ? null : "string outputs differ");
        }

        var a = reference.ToDoubleArray();
        var b = candidate.ToDoubleArray();
        double maxAbs = 0, maxRel = 0, sumAbs = 0, dot = 0, normA = 0, normB = 0;
        long mismatches = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double x = a[i], y = b[i];
            if (double.IsNaN(x) || double.IsNaN(y))
            {
                if (double.IsNaN(x) != double.IsNaN(y))
                {
                    mismatches++;
                }

                continue;
            }

            if (x == y)
            {
                dot += x * y;
                normA += x * x;
                normB += y * y;
                continue;
            }

            double abs = Math.Abs(x - y);
            double rel = abs / Math.Max(Math.Abs(x), double.Epsilon);
            maxAbs = Math.Max(maxAbs, abs);
            maxRel = Math.Max(maxRel, rel);
            sumAbs += abs;
            dot += x * y;
            normA += x * x;
            normB += y * y;
            if (abs > atol && rel > rtol)
            {
                mismatches++;
            }
        }

        double cosine = normA == 0 && normB == 0 ? 1 : dot / Math.Sqrt(normA * normB);
        return new OutputStatistics(name, a.Length, maxAbs, maxRel, a.Length == 0 ? 0 : sumAbs / a.Length, cosine, mismatches);
    }

    /// <summary>Combines statistics of the same output over several samples.</summary>
    public static OutputStatistics Merge(IReadOnlyList<OutputStatistics> samples)
    {
        var first = samples[0];
        long elements = samples.Sum(s => s.Elements);
        return new OutputStatistics(
            first.Name,
            elements,
            samples.Max(s => s.MaxAbsError),
            samples.Max(s => s.MaxRelError),
            elements == 0 ? 0 : samples.Sum(s => s.MeanAbsError * s.Elements) / elements,
            samples.Min(s => s.Cosine),
            samples.Sum(s => s.Mismatches),
            samples.Select(s => s.Problem).FirstOrDefault(p => p is not null));
    }

    private static OutputStatistics Failed(string name, Tensor reference, string problem) =>
        new(name, reference.ElementCount, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, 0, reference.ElementCount, problem);
}
