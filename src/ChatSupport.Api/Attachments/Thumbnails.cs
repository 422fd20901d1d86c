using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Processing;

namespace ChatSupport.Api.Attachments;

/// <summary>A server-made thumbnail of an image: turned upright, at most 320 px a side, with no metadata (EXIF, GPS, XMP, ICC).</summary>
public sealed record Thumbnail(byte[] Bytes, string ContentType, int Width, int Height);

public static class Thumbnails
{
    public const int MaxSide = 320;
    /// <summary>Larger images are refused unread: a small file can claim a huge canvas (a decompression bomb).</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>The thumbnail, or null when the bytes do not decode as the image they claim to be (or are too large a canvas).</summary>
    public static Thumbnail? Make(ReadOnlyMemory<byte> file)
    {
        try
        {
            var info = Image.Identify(file.ToArray());
            if (info is null || (long)info.Width * info.Height > MaxPixels) return null;
            using var image = Image.Load(file.Span, out var format);
            image.Mutate(x => x.AutoOrient());
            var (width, height) = (image.Width, image.Height);
            if (Math.Max(image.Width, image.Height) > MaxSide)
                image.Mutate(x => x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(MaxSide, MaxSide) }));
            image.Metadata.ExifProfile = null;
            image.Metadata.XmpProfile = null;
            image.Metadata.IccProfile = null;
            image.Metadata.IptcProfile = null;
            using var output = new MemoryStream();
            // A photo stays a JPEG; anything that may be transparent (PNG, GIF, WebP) becomes a PNG (its first frame).
            var jpeg = format.Name == "JPEG";
            if (image.Frames.Count > 1) while (image.Frames.Count > 1) image.Frames.RemoveFrame(1);
            if (jpeg) image.Save(output, new JpegEncoder { Quality = 80 });
            else image.Save(output, new PngEncoder());
            return new Thumbnail(output.ToArray(), jpeg ? "image/jpeg" : "image/png", width, height);
        }
        catch (Exception e) when (e is ImageFormatException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }
}
