namespace PolicyOperator.Testing.Imaging;

/// <summary>Takes screenshots of local HTML files with Debian's headless Chromium (no network use).</summary>
public static class HeadlessChromium
{
    /// <summary>Where Debian installs it.</summary>
    public const string Executable = "/usr/bin/chromium";

    /// <summary>Why screenshots cannot be taken here, or null when they can.</summary>
    public static string? MissingReason => File.Exists(Executable) ? null : $"{Executable} not found; 'make setup' installs Debian's chromium package";

    /// <summary>Renders <paramref name="htmlPath"/> at the window size and returns the decoded screenshot.</summary>
    public static async Task<PngImage> ScreenshotAsync(string htmlPath, int width, int height, CancellationToken cancellationToken = default)
    {
        if (MissingReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var work = Directory.CreateTempSubdirectory("po-chromium-");
        try
        {
            var png = Path.Combine(work.FullName, "shot.png");
            // The flags keep Chromium off the network (this machine has none) and stateless.
            var result = await ProcessRunner.RunAsync(Executable,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", $"--user-data-dir={Path.Combine(work.FullName, "profile")}",
                $"--window-size={width},{height}", $"--screenshot={png}", new Uri(htmlPath).AbsoluteUri,
            ], cancellationToken: cancellationToken);
            return File.Exists(png)
                ? PngImage.Load(png)
                : throw new InvalidOperationException($"chromium wrote no screenshot (exit {result.ExitCode}): {result.Stderr}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
