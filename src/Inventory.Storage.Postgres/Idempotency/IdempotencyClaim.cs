namespace Inventory.Storage.Postgres.Idempotency;

/// <summary>
/// The outcome of claiming an Idempotency-Key: either this request is the first with it (<see cref="Claimed"/>), or
/// another request holds it and <see cref="Existing"/> tells with what request and (when finished) what answer.
/// </summary>
public sealed record IdempotencyClaim(bool Claimed, StoredResponse? Existing);
