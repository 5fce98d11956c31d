using OnnxOpt.Passes.Transforms.Pruning.Channels;
using Xunit;

namespace OnnxOpt.Passes.Tests.Pruning.Channels;

/// <summary>Cholesky and the normal-equation accumulator against known solutions.</summary>
public sealed class LeastSquaresTests
{
    [Fact]
    public void Cholesky_solves_a_known_system()
    {
        // A = [[4,2,0],[2,5,1],[0,1,3]], x = [1,-2,3] gives b = A x = [0,-5,7].
        double[] a = [4, 2, 0, 2, 5, 1, 0, 1, 3];
        var x = Cholesky.Factor(a, 3)!.Solve([0, -5, 7]);
        Assert.Equal(1, x[0], 12);
        Assert.Equal(-2, x[1], 12);
        Assert.Equal(3, x[2], 12);
    }

    [Fact]
    public void Cholesky_rejects_a_matrix_that_is_not_positive_definite() =>
        Assert.Null(Cholesky.Factor([1, 2, 2, 1], 2));

    [Fact]
    public void Normal_equations_recover_exact_linear_targets_and_their_error_is_zero()
    {
        var random = new Random(5);
        double[][] truth = [[0.5, -1.25, 2, 0.75], [-3, 0.125, 1, -0.5]];
        var system = new NormalEquations(4, 2);
        for (int row = 0; row < 200; row++)
        {
            double[] x = [random.NextDouble() - 0.5, random.NextDouble(), random.NextDouble() * 3, 1];
            system.Add(x, [Dot(truth[0], x), Dot(truth[1], x)]);
        }

        var solution = system.Solve(ridge: 0)!;
        for (int t = 0; t < 2; t++)
        {
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(truth[t][i], solution[t][i], 8);
            }

            Assert.True(system.Error(t, solution[t]) < 1e-12 * system.Energy(t));
            Assert.True(system.Error(t, new double[4]) > 0.99 * system.Energy(t));
        }
    }

    [Fact]
    public void Ridge_solution_fits_noisy_data_no_worse_than_a_perturbed_one()
    {
        var random = new Random(9);
        var system = new NormalEquations(3, 1);
        for (int row = 0; row < 100; row++)
        {
            double[] x = [random.NextDouble(), random.NextDouble(), 1];
            system.Add(x, [(2 * x[0]) - x[1] + 0.3 + (0.01 * (random.NextDouble() - 0.5))]);
        }

        var w = system.Solve(ridge: 0)![0];
        Assert.True(system.Error(0, w) <= system.Error(0, [w[0] + 0.01, w[1], w[2]]));
        Assert.True(system.Error(0, w) <= system.Error(0, [w[0], w[1] - 0.01, w[2]]));
    }

    [Fact]
    public void Block_sums_give_the_direct_error_across_several_blocks()
    {
        // 2.5 blocks of rows: two full blocks folded in by Add, the rest by the first read.
        var random = new Random(13);
        int rows = (NormalEquations.BlockRows * 5) / 2;
        var system = new NormalEquations(3, 2);
        var data = new List<(double[] X, double[] Y)>();
        for (int row = 0; row < rows; row++)
        {
            double[] x = [random.NextDouble() - 0.5, random.NextDouble() * 2, 1];
            double[] y = [random.NextDouble(), random.NextDouble() - 2];
            data.Add((x, y));
            system.Add(x, y);
        }

        double[] w = [0.3, -0.7, 1.1];
        for (int t = 0; t < 2; t++)
        {
            double direct = data.Sum(d => Math.Pow(d.Y[t] - Dot(w, d.X), 2));
            Assert.Equal(direct, system.Error(t, w), 1e-9 * direct);
            Assert.Equal(data.Sum(d => d.Y[t] * d.Y[t]), system.Energy(t), 1e-9);
        }

        Assert.Equal(rows, system.Rows);
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b).Sum(p => p.First * p.Second);
}
