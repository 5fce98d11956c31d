using System.Numerics.Tensors;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// Running sums XᵀX (lower triangle), XᵀY and per-target YᵀY of a multi-target linear least-squares problem, fed one
/// row at a time so that no sample is kept. Solves with ridge regularisation by Cholesky, and evaluates the squared
/// error of any coefficients on the accumulated rows.
/// </summary>
public sealed class NormalEquations
{
    private readonly double[] _xtx;
    private readonly double[] _xty;
    private readonly double[] _yty;

    public NormalEquations(int features, int targets)
    {
        Features = features;
        Targets = targets;
        _xtx = new double[features * features];
        _xty = new double[features * targets];
        _yty = new double[targets];
    }

    public int Features { get; }

    public int Targets { get; }

    public long Rows { get; private set; }

    /// <summary>Adds one row: features x and targets y.</summary>
    public void Add(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        for (int i = 0; i < Features; i++)
        {
            double xi = x[i];
            if (xi == 0)
            {
                continue;
            }

            TensorPrimitives.MultiplyAdd(x[..(i + 1)], xi, _xtx.AsSpan(i * Features, i + 1), _xtx.AsSpan(i * Features, i + 1));
            TensorPrimitives.MultiplyAdd(y, xi, _xty.AsSpan(i * Targets, Targets), _xty.AsSpan(i * Targets, Targets));
        }

        for (int t = 0; t < Targets; t++)
        {
            _yty[t] += y[t] * y[t];
        }

        Rows++;
    }

    /// <summary>
    /// Coefficients [target][feature] minimising Σ(y − x·w)² + λ‖w‖², with λ = <paramref name="ridge"/> times the mean
    /// diagonal of XᵀX; null when the system cannot be factorised even so.
    /// </summary>
    public double[][]? Solve(double ridge)
    {
        var a = (double[])_xtx.Clone();
        double mean = 0;
        for (int i = 0; i < Features; i++)
        {
            mean += a[(i * Features) + i];
        }

        double lambda = ridge * Math.Max(mean / Features, 1e-12);
        for (int i = 0; i < Features; i++)
        {
            a[(i * Features) + i] += lambda;
        }

        var factor = Cholesky.Factor(a, Features);
        if (factor is null)
        {
            return null;
        }

        var result = new double[Targets][];
        var column = new double[Features];
        for (int t = 0; t < Targets; t++)
        {
            for (int i = 0; i < Features; i++)
            {
                column[i] = _xty[(i * Targets) + t];
            }

            result[t] = factor.Solve(column);
        }

        return result;
    }

    /// <summary>Σ over rows of (y_t − x·w)² for one target, from the sums.</summary>
    public double Error(int target, ReadOnlySpan<double> w)
    {
        double quadratic = 0, linear = 0;
        for (int i = 0; i < Features; i++)
        {
            var row = _xtx.AsSpan(i * Features, i);
            quadratic += (2 * w[i] * TensorPrimitives.Dot<double>(row, w[..i])) + (_xtx[(i * Features) + i] * w[i] * w[i]);
            linear += w[i] * _xty[(i * Targets) + target];
        }

        return Math.Max(0, quadratic - (2 * linear) + _yty[target]);
    }

    /// <summary>Σ y_t² over rows.</summary>
    public double Energy(int target) => _yty[target];
}
