namespace Inventory.Bench.Reports;

public readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    public static readonly Rgba White = new(255, 255, 255);
    public static readonly Rgba Black = new(0, 0, 0);
    public static readonly Rgba Grid = new(225, 225, 225);
    public static readonly Rgba Gray = new(120, 120, 120);
}
