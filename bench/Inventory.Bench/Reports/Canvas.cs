namespace Inventory.Bench.Reports;

/// <summary>An RGBA pixel buffer with the few primitives a line chart needs: lines (thick, dashed), rectangles, text.</summary>
public sealed class Canvas
{
    private readonly byte[] _pixels;

    public Canvas(int width, int height, Rgba background)
    {
        Width = width;
        Height = height;
        _pixels = new byte[width * height * 4];
        FillRectangle(0, 0, width, height, background);
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] ToPng() => PngEncoder.Encode(Width, Height, _pixels);

    public void SetPixel(int x, int y, Rgba color)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
            return;
        var i = (y * Width + x) * 4;
        _pixels[i] = color.R;
        _pixels[i + 1] = color.G;
        _pixels[i + 2] = color.B;
        _pixels[i + 3] = color.A;
    }

    public void FillRectangle(int x, int y, int width, int height, Rgba color)
    {
        for (var yy = y; yy < y + height; yy++)
            for (var xx = x; xx < x + width; xx++)
                SetPixel(xx, yy, color);
    }

    public void DrawRectangle(int x, int y, int width, int height, Rgba color)
    {
        DrawLine(x, y, x + width, y, color);
        DrawLine(x + width, y, x + width, y + height, color);
        DrawLine(x + width, y + height, x, y + height, color);
        DrawLine(x, y + height, x, y, color);
    }

    /// <summary>Bresenham's line; <paramref name="dash"/> &gt; 0 draws dashes of that many pixels with equal gaps.</summary>
    public void DrawLine(double x0, double y0, double x1, double y1, Rgba color, int thickness = 1, int dash = 0)
    {
        int ax = (int)Math.Round(x0), ay = (int)Math.Round(y0), bx = (int)Math.Round(x1), by = (int)Math.Round(y1);
        int dx = Math.Abs(bx - ax), dy = -Math.Abs(by - ay);
        int sx = ax < bx ? 1 : -1, sy = ay < by ? 1 : -1;
        var error = dx + dy;
        var step = 0;
        while (true)
        {
            if (dash <= 0 || step / dash % 2 == 0)
                Dot(ax, ay, thickness, color);
            step++;
            if (ax == bx && ay == by)
                break;
            var e2 = 2 * error;
            if (e2 >= dy) { error += dy; ax += sx; }
            if (e2 <= dx) { error += dx; ay += sy; }
        }
    }

    public void Dot(int x, int y, int size, Rgba color)
    {
        var half = size / 2;
        for (var yy = y - half; yy < y - half + size; yy++)
            for (var xx = x - half; xx < x - half + size; xx++)
                SetPixel(xx, yy, color);
    }

    /// <summary>Draws text in the 5x7 pixel font, each font pixel <paramref name="scale"/> pixels wide; returns the width drawn.</summary>
    public int DrawText(int x, int y, string text, Rgba color, int scale = 1)
    {
        var cursor = x;
        foreach (var c in text)
        {
            var glyph = PixelFont.Glyph(c);
            for (var row = 0; row < PixelFont.Height; row++)
            {
                for (var col = 0; col < PixelFont.Width; col++)
                {
                    if (glyph[row][col] != '#') continue;
                    FillRectangle(cursor + col * scale, y + row * scale, scale, scale, color);
                }
            }
            cursor += (PixelFont.Width + 1) * scale;
        }
        return cursor - x;
    }

    /// <summary>Text turned 90 degrees counter-clockwise (for a y-axis label), starting at the bottom.</summary>
    public void DrawTextVertical(int x, int y, string text, Rgba color, int scale = 1)
    {
        var cursor = y;
        foreach (var c in text)
        {
            var glyph = PixelFont.Glyph(c);
            for (var row = 0; row < PixelFont.Height; row++)
            {
                for (var col = 0; col < PixelFont.Width; col++)
                {
                    if (glyph[row][col] != '#') continue;
                    FillRectangle(x + row * scale, cursor - col * scale - scale, scale, scale, color);
                }
            }
            cursor -= (PixelFont.Width + 1) * scale;
        }
    }

    public static int TextWidth(string text, int scale = 1) => text.Length * (PixelFont.Width + 1) * scale;
}
