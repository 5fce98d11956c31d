using System.Numerics.Tensors;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// Running sums XᵀX (lower triangle), XᵀY and per-target YᵀY of a multi-target linear least-squares problem, fed one
/// row at a time so that no sample is kept. Solves with ridge regularisation by Cholesky, and evaluates the squared
/// error of any coefficients on the accumulated rows. Rows are buffered in blocks of <see cref="BlockRows"/> (stored
/// by column) and folded in with dot products: a rank-1 update per row would sweep the whole XᵀX (42 MB for a 3×3×256
/// patch) once per row, while a block sweeps it once per <see cref="BlockRows"/> rows.
/// </summary>
public sealed class NormalEquations
{
    /// <summary>Rows folded into the sums at a time.</summary>
    public const int BlockRows = 128;

    private readonly double[] _xtx;
    private readonly double[] _xty;
    private readonly double[] _yty;
    private readonly double[] _pendingX;
    private readonly double[] _pendingY;
    private int _pending;

    public NormalEquations(int features, int targets)
    {
        Features = features;
        Targets = targets;
        _xtx = new double[features * features];
        _xty = new double[features * targets];
        _yty = new double[targets];
        _pendingX = new double[features * BlockRows];
        _pendingY = new double[targets * BlockRows];
    }

    public int Features { get; }

    public int Targets { get; }

    public long Rows { get; private set; }

    /// <summary>Adds one row: features x and targets y.</summary>
    public void Add(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        for (int i = 0; i < Features; i++)
        {
            _pendingX[(i * BlockRows) + _pending] = x[i];
        }

        for (int t = 0; t < Targets; t++)
        {
            _pendingY[(t * BlockRows) + _pending] = y[t];
        }

        _pending++;
        Rows++;
        if (_pending == BlockRows)
        {
            Flush();
        }
    }

    /// <summary>Folds the buffered rows into XᵀX, XᵀY and YᵀY.</summary>
    private void Flush()
    {
        int n = _pending;
        if (n == 0)
        {
            return;
        }

        ReadOnlySpan<double> Column(double[] buffer, int index) => buffer.AsSpan(index * BlockRows, n);
        for (int i = 0; i < Features; i++)
        {
            var xi = Column(_pendingX, i);
            var row = _xtx.AsSpan(i * Features, i + 1);
            for (int j = 0; j <= i; j++)
            {
                row[j] += TensorPrimitives.Dot(xi, Column(_pendingX, j));
            }

            var targets = _xty.AsSpan(i * Targets, Targets);
            for (int t = 0; t < Targets; t++)
            {
                targets[t] += TensorPrimitives.Dot(xi, Column(_pendingY, t));
            }
        }

        for (int t = 0; t < Targets; t++)
        {
            _yty[t] += TensorPrimitives.SumOfSquares(Column(_pendingY, t));
        }

        _pending = 0;
    }

    /// <summary>
    /// Coefficients [target][feature] minimising Σ(y − x·w)² + λ‖w‖², with λ = <paramref name="ridge"/> times the mean
    /// diagonal of XᵀX; null when the system cannot be factorised even so.
    /// </summary>
    public double[][]? Solve(double ridge)
    {
        Flush();
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
        Flush();
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
    public double Energy(int target)
    {
        Flush();
        return _yty[target];
    }
}
