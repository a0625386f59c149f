namespace Inventory.Bench.Scenarios;

/// <summary>Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s (rank 0 the most popular).</summary>
public sealed class ZipfSampler
{
    private readonly double[] _cumulative;

    public ZipfSampler(int n, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        _cumulative = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, exponent);
            _cumulative[i] = sum;
        }
        for (var i = 0; i < n; i++)
            _cumulative[i] /= sum;
    }

    /// <summary>Share of all draws that rank 0 gets.</summary>
    public double TopShare => _cumulative[0];

    public int Next(Random random)
    {
        var u = random.NextDouble();
        var index = Array.BinarySearch(_cumulative, u);
        if (index < 0) index = ~index;
        return Math.Min(index, _cumulative.Length - 1);
    }
}
