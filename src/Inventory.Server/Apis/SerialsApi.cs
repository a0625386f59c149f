using Inventory.Domain;
using Inventory.Domain.Catalog;
using Inventory.Domain.Serials;
using Inventory.Grains.Positions;
using Inventory.Grains.Serials;
using Inventory.Queries.Serials;
using Inventory.Server.Application.Catalog;
using Inventory.Server.Application.Serials;
using Inventory.Server.Infrastructure;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Infrastructure.Errors;
using Inventory.Server.Infrastructure.Idempotency;
using Inventory.Server.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inventory.Server.Apis;

/// <summary>
/// /api/v1/serials: serial-numbered items. A receipt registers serials (one base unit each) and receives them into
/// the position; invoice and order events (or direct transitions) move each item through its lifecycle, and the
/// position with it. Every transition is kept in a listable history.
/// </summary>
public static class SerialsApi
{
    /// <summary>Most serials in one receipt or one event.</summary>
    public const int MaxSerials = InventoryLimits.MaxBulkItems;

    public static IEndpointRouteBuilder MapSerialsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/serials").WithTags("Serials");
        api.MapPost("/receipts", Receive).RequireAuthorization(Policies.Receive)
            .WithSummary("Register serials at a warehouse (all or none) and receive one base unit per serial at unitCost.");
        api.MapPost("/events", Event).RequireAuthorization(Policies.SerialEvents)
            .WithSummary("invoice.created reserves, invoice.cancelled releases, invoice.paid sells, order.delivered delivers; all serials or none.");
        api.MapPost("/{sku}/{serial}/transitions", Transition).RequireAuthorization(Policies.SerialEvents)
            .WithSummary("Move one serial to available, reserved, sold or delivered (strict lifecycle, else 409 INVALID_TRANSITION).");
        api.MapGet("/", List).RequireAuthorization(Policies.Read)
            .WithSummary("Serial items (filters: sku, warehouse, status, reference; paging: after, limit).");
        api.MapGet("/history", History).RequireAuthorization(Policies.Read)
            .WithSummary("Transitions of every serial (filters: sku, serial, reference, from, to; paging: afterSeq, limit).");
        api.MapGet("/{sku}/{serial}", Get).RequireAuthorization(Policies.Read)
            .WithSummary("One serial item with its whole history.");
        return app;
    }

    public static async Task<Results<Created<SerialReceiptResponse>, Ok<SerialReceiptResponse>, ProblemHttpResult>> Receive(
        SerialReceiptRequest body, HttpContext http, InventoryCatalog catalog, IGrainFactory grains, ISerialItemStore store)
    {
        var errors = new FieldErrors();
        if (body.ReceiptId is not null && !RequestChecks.IsClientId(body.ReceiptId))
            errors.Add("receiptId", "A receipt id is " + RequestChecks.ClientIdRule);
        RequestChecks.Required(errors, "warehouse", body.Warehouse);
        RequestChecks.Required(errors, "sku", body.Sku);
        RequestChecks.Required(errors, "unitCost", body.UnitCost);
        RequestChecks.Text(errors, "reference", body.Reference);
        var serials = CheckSerialList(errors, body.Serials);
        if (errors.Any) return Problems.From(errors.ToFailure("The serial receipt is not valid."));
        if (body.UnitCost is < 0 or > StockPosition.MaxUnitCost)
            return Problems.From(new Failure(ErrorCodes.InvalidUnitCost, $"Unit cost must be between 0 and {StockPosition.MaxUnitCost}, got {body.UnitCost}.",
                new Dictionary<string, object?> { ["unitCost"] = body.UnitCost }));

        var resolved = catalog.Position(body.Warehouse!, body.Sku!);
        if (!resolved.IsSuccess) return Problems.From(resolved.Failure!);
        var (product, place) = resolved.Value;
        if (place.CheckCanReceive() is { } cannot) return Problems.From(cannot);

        var receiptId = body.ReceiptId ?? RequestIds.For(http) ?? "sr-" + Guid.NewGuid().ToString("N");
        var actor = UserActor.Of(http.User);
        var now = Grains.Timestamps.ToMicroseconds(DateTimeOffset.UtcNow);
        var items = serials.Select(s => SerialItem.Register(product.Sku, s, place.Code, receiptId, body.Reference, actor, now)).ToList();
        var registration = await store.RegisterAsync(receiptId, items);
        if (registration.Refused)
            return Problems.From(SerialFailures.AlreadyRegistered(product.Sku, registration.Conflicts));

        // The request id makes the receipt exactly-once: a retried receipt (same id) registers nothing new and the
        // position replays its first answer.
        var key = new PositionKey(place.Code, product.Sku);
        var received = await grains.GetGrain<IStockPositionGrain>(key.ToString()).ReceiveAsync(
            new ReceiveStock(serials.Count, body.UnitCost!.Value, Reference: body.Reference ?? receiptId, RequestId: "serials:" + receiptId), actor);
        if (!received.IsSuccess) return Problems.From(received.Failure!);

        var movement = received.Value;
        var response = new SerialReceiptResponse(receiptId, place.Code, product.Sku, registration.Registered, registration.AlreadyRegistered,
            movement.OnHand, movement.Available, movement.Replayed);
        var location = $"/api/v1/serials?sku={Uri.EscapeDataString(product.Sku)}&warehouse={Uri.EscapeDataString(place.Code)}";
        return registration.Registered.Count > 0 ? TypedResults.Created(location, response) : TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<SerialEventResponse>, ProblemHttpResult>> Event(
        SerialEventRequest body, HttpContext http, IAuthorizationService authorization, InventoryCatalog catalog, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        RequestChecks.Required(errors, "type", body.Type);
        RequestChecks.Required(errors, "reference", body.Reference);
        RequestChecks.Text(errors, "reference", body.Reference);
        RequestChecks.Text(errors, "reason", body.Reason);
        (SerialStatus To, string Policy) target = default;
        if (body.Type is not null && !SerialEventTypes.All.TryGetValue(body.Type, out target))
            errors.Add("type", $"type must be one of: {string.Join(", ", SerialEventTypes.All.Keys)}.");
        var serials = CheckSerialRefs(errors, body.Serials);
        if (errors.Any) return Problems.From(errors.ToFailure("The serial event is not valid."));
        if (await Forbidden(http, authorization, target.Policy!) is { } forbidden) return forbidden;
        foreach (var sku in serials.Select(s => s.Sku).Distinct(StringComparer.Ordinal))
        {
            if (catalog.Product(sku) is { IsSuccess: false } missing) return Problems.From(missing.Failure!);
        }

        var moved = await SerialEvents.ApplyAsync(grains, catalog, serials, target.To, body.Reason ?? body.Type!, body.Reference!, UserActor.Of(http.User));
        if (!moved.IsSuccess) return Problems.From(moved.Failure!);
        var moves = moved.Value.Select(Response).ToList();
        return TypedResults.Ok(new SerialEventResponse(body.Type!, body.Reference!, SerialLifecycle.Name(target.To), moves));
    }

    public static async Task<Results<Ok<SerialMoveResponse>, ProblemHttpResult>> Transition(
        string sku, string serial, SerialTransitionRequest body, HttpContext http, IAuthorizationService authorization,
        InventoryCatalog catalog, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        RequestChecks.Required(errors, "to", body.To);
        RequestChecks.Text(errors, "reference", body.Reference);
        RequestChecks.Text(errors, "reason", body.Reason);
        var to = SerialStatus.Available;
        if (body.To is not null && !RequestChecks.TryParseName(body.To, out to))
            errors.Add("to", "to must be one of: available, reserved, sold, delivered.");
        if (errors.Any) return Problems.From(errors.ToFailure("The serial transition is not valid."));
        if (await Forbidden(http, authorization, SerialEventTypes.PolicyFor(to)) is { } forbidden) return forbidden;
        if (catalog.Product(sku) is { IsSuccess: false } missing) return Problems.From(missing.Failure!);
        if (!CatalogRules.IsCode(serial)) return Problems.From(SerialFailures.NotFound(sku, serial));

        var moved = await SerialEvents.ApplyAsync(grains, catalog, [(sku, serial)], to, body.Reason ?? "manual", body.Reference, UserActor.Of(http.User));
        return moved.IsSuccess ? TypedResults.Ok(Response(moved.Value[0])) : Problems.From(moved.Failure!);
    }

    public static async Task<Results<Ok<SerialListResponse>, ProblemHttpResult>> List(
        SerialQueries queries, CancellationToken cancellationToken, string? sku = null, string? warehouse = null, string? status = null,
        string? reference = null, string? after = null, int limit = InventoryLimits.DefaultPageSize)
    {
        var errors = new FieldErrors();
        errors.Require(limit is >= 1 and <= InventoryLimits.MaxPageSize, "limit", $"limit must be between 1 and {InventoryLimits.MaxPageSize}.");
        if (status is not null && !RequestChecks.TryParseName<SerialStatus>(status, out _))
            errors.Add("status", "status must be one of: available, reserved, sold, delivered.");
        var slash = after?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        errors.Require(after is null || slash > 0, "after", "after must be SKU/SERIAL, as returned in 'next'.");
        if (errors.Any) return Problems.From(errors.ToFailure("The serial query is not valid."));

        var items = await queries.ListAsync(new SerialFilter(sku, warehouse, status?.ToLowerInvariant(), reference,
            after?[..slash], after?[(slash + 1)..], limit), cancellationToken);
        var next = items.Count == limit ? SerialItemGrain.KeyOf(items[^1].Sku, items[^1].Serial) : null;
        return TypedResults.Ok(new SerialListResponse([.. items.Select(i => SerialItemResponse.Of(i))], next));
    }

    public static async Task<Results<Ok<SerialHistoryListResponse>, ProblemHttpResult>> History(
        SerialQueries queries, CancellationToken cancellationToken, string? sku = null, string? serial = null, string? reference = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null, long afterSeq = 0, int limit = InventoryLimits.DefaultPageSize)
    {
        var errors = new FieldErrors();
        errors.Require(afterSeq >= 0, "afterSeq", "afterSeq must not be negative.");
        errors.Require(limit is >= 1 and <= InventoryLimits.MaxPageSize, "limit", $"limit must be between 1 and {InventoryLimits.MaxPageSize}.");
        errors.Require(from is null || to is null || from < to, "to", "to must be after from.");
        if (errors.Any) return Problems.From(errors.ToFailure("The history query is not valid."));

        var rows = await queries.HistoryAsync(sku, serial, reference, from, to, afterSeq, limit, cancellationToken);
        return TypedResults.Ok(new SerialHistoryListResponse([.. rows.Select(SerialHistoryResponse.Of)], rows.Count == limit ? rows[^1].Seq : null));
    }

    public static async Task<Results<Ok<SerialItemResponse>, ProblemHttpResult>> Get(
        string sku, string serial, ISerialItemStore store, SerialQueries queries, CancellationToken cancellationToken)
    {
        var item = CatalogRules.IsCode(sku) && CatalogRules.IsCode(serial) ? await store.LoadAsync(sku, serial, cancellationToken) : null;
        if (item is null) return Problems.From(SerialFailures.NotFound(sku, serial));
        var history = await queries.HistoryAsync(sku, serial, null, null, null, 0, InventoryLimits.MaxPageSize, cancellationToken);
        return TypedResults.Ok(SerialItemResponse.Of(item, [.. history.Select(SerialHistoryResponse.Of)]));
    }

    private static SerialMoveResponse Response(SerialMove m) => new(m.Item.Sku, m.Item.Serial, m.Item.Warehouse,
        SerialLifecycle.Name(m.From), SerialLifecycle.Name(m.Item.Status), m.Item.Reference, m.Item.CostOfGoods, m.Replayed);

    private static async Task<ProblemHttpResult?> Forbidden(HttpContext http, IAuthorizationService authorization, string policy)
    {
        if ((await authorization.AuthorizeAsync(http.User, policy)).Succeeded) return null;
        var roles = UserActor.RolesOf(http.User).ToArray();
        var allowed = Policies.Matrix[policy];
        return Problems.Of(HttpErrorCodes.Forbidden,
            $"Role {(roles.Length == 0 ? "(none)" : string.Join(", ", roles))} may not do this; it needs one of: {string.Join(", ", allowed)}.",
            new Dictionary<string, object?> { ["roles"] = roles, ["allowedRoles"] = allowed });
    }

    private static List<string> CheckSerialList(FieldErrors errors, IReadOnlyList<string?>? serials)
    {
        if (serials is null || serials.Count == 0)
        {
            errors.Add("serials", "serials must hold at least one serial.");
            return [];
        }

        if (serials.Count > MaxSerials)
        {
            errors.Add("serials", $"At most {MaxSerials} serials per request.");
            return [];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>(serials.Count);
        for (var i = 0; i < serials.Count; i++)
        {
            if (!CatalogRules.IsCode(serials[i]))
                errors.Add($"serials[{i}]", "A serial is " + CatalogRules.CodeRule);
            else if (!seen.Add(serials[i]!))
                errors.Add($"serials[{i}]", $"Serial '{serials[i]}' appears twice.");
            else
                list.Add(serials[i]!);
        }

        return list;
    }

    private static List<(string Sku, string Serial)> CheckSerialRefs(FieldErrors errors, IReadOnlyList<SerialRefDto?>? serials)
    {
        if (serials is null || serials.Count == 0)
        {
            errors.Add("serials", "serials must hold at least one {sku, serial}.");
            return [];
        }

        if (serials.Count > MaxSerials)
        {
            errors.Add("serials", $"At most {MaxSerials} serials per request.");
            return [];
        }

        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < serials.Count; i++)
        {
            var s = serials[i];
            if (s is null || !CatalogRules.IsCode(s.Sku) || !CatalogRules.IsCode(s.Serial))
                errors.Add($"serials[{i}]", "Each serial needs a sku and a serial, each " + CatalogRules.CodeRule);
            else if (!seen.Add((s.Sku!, s.Serial!)))
                errors.Add($"serials[{i}]", $"Serial '{s.Serial}' of {s.Sku} appears twice.");
        }

        return [.. seen];
    }
}
