using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace OnnxOpt.Evaluation.Preprocessing;

/// <summary>
/// Ultralytics' preprocessing for exported models: decode (EXIF orientation applied), letterbox to the model's
/// input size (aspect kept, bilinear, centred, grey 114 padding), RGB planes, values divided by 255, NCHW float32.
/// Thread-safe: one preprocessor can feed several decoding threads.
/// </summary>
public sealed class ImagePreprocessor
{
    /// <summary>The padding grey as a byte, as Ultralytics fills it.</summary>
    public const byte PadByte = 114;

    /// <summary>The padding grey as the model sees it (114 / 255).</summary>
    public const float PadValue = PadByte / 255f;

    // b / 255f for every byte, exactly as Ultralytics' float32 division gives it, looked up instead of divided.
    private static readonly float[] ByteToUnit = Enumerable.Range(0, 256).Select(b => b / 255f).ToArray();

    public ImagePreprocessor(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
    }

    public ImagePreprocessor(int size)
        : this(size, size)
    {
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Number of float values of one letterboxed input: three planes of <see cref="Width"/> x <see cref="Height"/>.</summary>
    public int ValueCount => 3 * Width * Height;

    /// <summary>Decodes and letterboxes an image file.</summary>
    public LetterboxedImage Load(string path)
    {
        using var bitmap = ImageDecoder.Decode(path);
        return Letterbox(bitmap);
    }

    /// <summary>
    /// Decodes and letterboxes an image file into <paramref name="destination"/> (<see cref="ValueCount"/> values, CHW),
    /// overwriting every value, so one buffer can be reused image after image without clearing it.
    /// </summary>
    public LetterboxTransform LoadInto(string path, Span<float> destination)
    {
        using var bitmap = ImageDecoder.Decode(path);
        return LetterboxInto(bitmap, destination);
    }

    /// <summary>Letterboxes a decoded (upright) image.</summary>
    public LetterboxedImage Letterbox(SKBitmap bitmap)
    {
        var values = new float[ValueCount];
        var transform = LetterboxInto(bitmap, values);
        return new LetterboxedImage(values, transform);
    }

    /// <summary>Letterboxes a decoded (upright) image into <paramref name="destination"/>, overwriting every value.</summary>
    public LetterboxTransform LetterboxInto(SKBitmap bitmap, Span<float> destination)
    {
        if (bitmap.Width < 1 || bitmap.Height < 1)
        {
            throw new ArgumentException("the image is empty", nameof(bitmap));
        }

        if (destination.Length != ValueCount)
        {
            throw new ArgumentException($"the destination holds {destination.Length} values; a {Width}x{Height} input needs {ValueCount}", nameof(destination));
        }

        var transform = LetterboxTransform.Compute(bitmap.Width, bitmap.Height, Width, Height);
        int scaledWidth = transform.ScaledWidth, scaledHeight = transform.ScaledHeight;
        var info = new SKImageInfo(scaledWidth, scaledHeight, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var scaled = scaledWidth == bitmap.Width && scaledHeight == bitmap.Height && bitmap.ColorType == SKColorType.Rgba8888
            ? null
            : new SKBitmap(info);
        if (scaled is not null && !bitmap.ScalePixels(scaled, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None)))
        {
            throw new InvalidDataException("SkiaSharp could not scale the image");
        }

        var source = scaled ?? bitmap;
        int plane = Width * Height;
        for (int channel = 0; channel < 3; channel++)
        {
            Pad(destination.Slice(channel * plane, plane), transform);
        }

        CopyPlanes(source.GetPixelSpan(), source.RowBytes, destination, transform);
        return transform;
    }

    /// <summary>Fills the padding of one plane (the bands above and below the image, and beside each image row) with grey.</summary>
    // Fully optimised from the first call: an evaluation of a few dozen images would otherwise run much of it in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Pad(Span<float> plane, LetterboxTransform transform)
    {
        int top = transform.PadTop, bottom = transform.PadTop + transform.ScaledHeight;
        int left = transform.PadLeft, right = transform.PadLeft + transform.ScaledWidth;
        plane[..(top * Width)].Fill(PadValue);
        plane[(bottom * Width)..].Fill(PadValue);
        for (int y = top; y < bottom; y++)
        {
            var row = plane.Slice(y * Width, Width);
            row[..left].Fill(PadValue);
            row[right..].Fill(PadValue);
        }
    }

    // Fully optimised from the first call: an evaluation of a few dozen images would otherwise run much of it in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CopyPlanes(ReadOnlySpan<byte> pixels, int rowBytes, Span<float> values, LetterboxTransform transform)
    {
        int plane = Width * Height, width = transform.ScaledWidth;
        for (int y = 0; y < transform.ScaledHeight; y++)
        {
            var row = MemoryMarshal.Cast<byte, uint>(pixels.Slice(y * rowBytes, width * 4));
            int target = ((transform.PadTop + y) * Width) + transform.PadLeft;
            SplitRow(row, values.Slice(target, width), values.Slice(plane + target, width), values.Slice((2 * plane) + target, width));
        }
    }

    /// <summary>
    /// Splits one row of RGBA pixels (R in the low byte of each little-endian word) into three float rows of
    /// value / 255. Several pixels at a time: the row is the hot loop of preprocessing, and a vector division gives
    /// exactly the float32 quotient that the scalar division (and Ultralytics' numpy) gives.
    /// </summary>
    // Fully optimised from the first call: an evaluation of a few dozen images would otherwise run much of it in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SplitRow(ReadOnlySpan<uint> rgba, Span<float> red, Span<float> green, Span<float> blue)
    {
        int x = 0;
        if (Vector.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            var low = new Vector<uint>(0xFF);
            var divisor = new Vector<float>(255f);
            for (; x <= rgba.Length - Vector<uint>.Count; x += Vector<uint>.Count)
            {
                var pixel = new Vector<uint>(rgba[x..]);
                (Vector.ConvertToSingle(Vector.AsVectorInt32(pixel & low)) / divisor).CopyTo(red[x..]);
                (Vector.ConvertToSingle(Vector.AsVectorInt32((pixel >> 8) & low)) / divisor).CopyTo(green[x..]);
                (Vector.ConvertToSingle(Vector.AsVectorInt32((pixel >> 16) & low)) / divisor).CopyTo(blue[x..]);
            }
        }

        var bytes = MemoryMarshal.AsBytes(rgba);
        for (; x < rgba.Length; x++)
        {
            red[x] = ByteToUnit[bytes[4 * x]];
            green[x] = ByteToUnit[bytes[(4 * x) + 1]];
            blue[x] = ByteToUnit[bytes[(4 * x) + 2]];
        }
    }
}
