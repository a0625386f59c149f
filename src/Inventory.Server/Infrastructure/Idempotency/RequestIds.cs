using System.Security.Cryptography;
using System.Text;

namespace Inventory.Server.Infrastructure.Idempotency;

/// <summary>
/// Ids derived from a request's Idempotency-Key, passed down to the grains so that even duplicates that slip past the
/// key store (e.g. two processes) cannot apply twice: the position remembers request ids, the reservation its id.
/// </summary>
public static class RequestIds
{
    private const string ItemKey = "inventory.idempotency";

    public static void Set(HttpContext context, string scope, string key) => context.Items[ItemKey] = (scope, key);

    /// <summary>A request id for position operations, or null when the request carries no Idempotency-Key.</summary>
    public static string? For(HttpContext context, string? suffix = null) =>
        context.Items[ItemKey] is (string scope, string key) ? "k-" + Digest("request", scope, key)[..32] + suffix : null;

    /// <summary>
    /// The id of a reservation created without one: derived from the user and the Idempotency-Key, so concurrent
    /// duplicates address the same reservation grain; a fresh id when there is no key.
    /// </summary>
    /// <summary>True when <see cref="ReservationId"/> will be a fresh GUID (no Idempotency-Key to derive it from).</summary>
    public static bool IsFreshReservationId(HttpContext context) => context.Items[ItemKey] is not (string, string);

    public static string ReservationId(HttpContext context) =>
        context.Items[ItemKey] is (string scope, string key) ? "r-" + Digest("reservation", scope, key)[..32] : "r-" + Guid.NewGuid().ToString("N");

    public static string TransferId(HttpContext context) =>
        context.Items[ItemKey] is (string scope, string key) ? "t-" + Digest("transfer", scope, key)[..32] : "t-" + Guid.NewGuid().ToString("N");

    private static string Digest(string purpose, string scope, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(purpose + "\n" + scope + "\n" + key)));
}
