using System.Security.Cryptography;
using Inventory.Tokens;

namespace Inventory.Server.Infrastructure.Auth;

/// <summary>
/// The HS256 key tokens are signed with. From configuration (<c>Auth:SigningKey</c>, base64 or text of at least 32
/// bytes) or else generated once — 256 random bits — and kept in <c>&lt;data dir&gt;/signing-key</c> (mode 600), so the
/// key never lives in the repository and tokens survive restarts.
/// </summary>
public static class SigningKey
{
    public const string ConfigurationKey = "Auth:SigningKey";
    public const string FileName = "signing-key";
    public const int MinimumBytes = TokenService.MinimumKeyBytes;

    public static byte[] Resolve(IConfiguration configuration, string dataDirectory)
    {
        var configured = configuration[ConfigurationKey];
        if (!string.IsNullOrWhiteSpace(configured))
            return Parse(configured);

        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
            return Parse(File.ReadAllText(path).Trim());

        DataDirectory.Ensure(dataDirectory);
        var key = RandomNumberGenerator.GetBytes(MinimumBytes);
        var temporary = path + ".tmp";
        // Created with mode 600 from the start: the key is never readable by others, not even for a moment.
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(key));
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; use theirs so both sign alike.
            File.Delete(temporary);
            return Parse(File.ReadAllText(path).Trim());
        }

        return key;
    }

    private static byte[] Parse(string text) => TokenService.ParseKey(text) ?? throw new InvalidOperationException(
        $"{ConfigurationKey} must hold at least {MinimumBytes} bytes (256 bits), as base64 or text; generate one with `openssl rand -base64 32`.");
}
