using System.Numerics.Tensors;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// Solves symmetric positive definite systems A·x = b by Cholesky factorisation A = L·Lᵀ, row-major, with
/// TensorPrimitives dot products. Used for the normal equations of the least-squares refit.
/// </summary>
public sealed class Cholesky
{
    private readonly double[] _lower;

    private Cholesky(int size, double[] lower)
    {
        Size = size;
        _lower = lower;
    }

    public int Size { get; }

    /// <summary>Factorises the n×n matrix <paramref name="a"/> (only its lower triangle is read); null when it is not positive definite.</summary>
    public static Cholesky? Factor(ReadOnlySpan<double> a, int n)
    {
        var l = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            var rowI = l.AsSpan(i * n, n);
            for (int j = 0; j <= i; j++)
            {
                var rowJ = l.AsSpan(j * n, j);
                double sum = a[(i * n) + j] - TensorPrimitives.Dot<double>(rowI[..j], rowJ);
                if (i == j)
                {
                    if (!(sum > 0) || !double.IsFinite(sum))
                    {
                        return null;
                    }

                    rowI[i] = Math.Sqrt(sum);
                }
                else
                {
                    rowI[j] = sum / l[(j * n) + j];
                }
            }
        }

        return new Cholesky(n, l);
    }

    /// <summary>x with A·x = b.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        int n = Size;
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = (b[i] - TensorPrimitives.Dot<double>(_lower.AsSpan(i * n, i), y.AsSpan(0, i))) / _lower[(i * n) + i];
        }

        // Back substitution with Lᵀ: column access, so a plain loop.
        var x = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = y[i];
            for (int k = i + 1; k < n; k++)
            {
                sum -= _lower[(k * n) + i] * x[k];
            }

            x[i] = sum / _lower[(i * n) + i];
        }

        return x;
    }
}
