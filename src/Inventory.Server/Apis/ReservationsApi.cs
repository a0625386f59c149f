using Inventory.Domain;
using Inventory.Domain.Catalog;
using Inventory.Domain.Reservations;
using Inventory.Grains;
using Inventory.Grains.Reservations;
using Inventory.Server.Application.Catalog;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Infrastructure.Errors;
using Inventory.Server.Infrastructure.Idempotency;
using Inventory.Server.Infrastructure.Metrics;
using Inventory.Server.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inventory.Server.Apis;

/// <summary>/api/v1/reservations: the checkout path. All lines or none; commit charges cost of goods per line.</summary>
public static class ReservationsApi
{
    public static IEndpointRouteBuilder MapReservationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reservations").WithTags("Reservations");
        api.MapPost("/", Create).RequireAuthorization(Policies.Reserve)
            .WithSummary("Hold stock on every line or none (409 INSUFFICIENT_STOCK lists each short line).");
        api.MapGet("/{id}", Get).RequireAuthorization(Policies.Read).WithSummary("A reservation and its lines.");
        api.MapPost("/{id}/commit", Commit).RequireAuthorization(Policies.Reserve)
            .WithSummary("Issue the held stock; answers each line's cost of goods.");
        api.MapPost("/{id}/release", Release).RequireAuthorization(Policies.Reserve).WithSummary("Give the held stock back.");
        api.MapPost("/{id}/extend", Extend).RequireAuthorization(Policies.Reserve).WithSummary("Move the expiry to now + ttlSeconds.");
        return app;
    }

    public static async Task<Results<Created<ReservationResponse>, ProblemHttpResult>> Create(
        ReservationRequest body, HttpContext http, InventoryCatalog catalog, GrainRefs refs, ReservationFactory reservations,
        InventoryMetrics metrics)
    {
        var errors = new FieldErrors();
        if (body.ReservationId is not null && !RequestChecks.IsClientId(body.ReservationId))
            errors.Add("reservationId", "A reservation id is " + RequestChecks.ClientIdRule);
        if (body.Lines is null || body.Lines.Count == 0)
            errors.Add("lines", "A reservation needs at least one line.");
        RequestChecks.Text(errors, "reference", body.Reference);
        for (var i = 0; i < (body.Lines?.Count ?? 0); i++)
        {
            var line = body.Lines![i];
            if (line is null)
            {
                errors.Add($"lines[{i}]", "A line is required.");
                continue;
            }

            RequestChecks.Required(errors, $"lines[{i}].sku", line.Sku);
            RequestChecks.Required(errors, $"lines[{i}].warehouse", line.Warehouse);
            RequestChecks.Required(errors, $"lines[{i}].quantity", line.Quantity);
        }

        if (errors.Any) return Problems.From(errors.ToFailure("The reservation is not valid."));

        var lines = new List<ReservationLineRequest>(body.Lines!.Count);
        foreach (var line in body.Lines!)
        {
            var resolved = catalog.Position(line!.Warehouse!, line.Sku!);
            if (!resolved.IsSuccess) return Problems.From(resolved.Failure!);
            var (product, place) = resolved.Value;
            if (place.CheckCanShip() is { } cannot) return Problems.From(cannot);
            var quantity = RequestChecks.PositiveBaseQuantity(product, line.Quantity!.Value, line.Unit);
            if (!quantity.IsSuccess) return Problems.From(quantity.Failure!);
            lines.Add(new ReservationLineRequest(place.Code, product.Sku, quantity.Value));
        }

        var id = body.ReservationId ?? RequestIds.ReservationId(http);
        TimeSpan? ttl = body.TtlSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        var request = new CreateReservation(lines, ttl, body.Reference);
        // An id generated just now needs no grain to keep two calls apart (ReservationFactory); any other id does.
        var result = body.ReservationId is null && RequestIds.IsFreshReservationId(http)
            ? await reservations.CreateFreshAsync(id, request, UserActor.Of(http.User))
            : await refs.Get<IReservationGrain>(id).CreateAsync(request, UserActor.Of(http.User));
        if (!result.IsSuccess)
        {
            metrics.Reservation(result.Failure!.Code == ErrorCodes.InsufficientStock ? "refused" : "failed");
            return Problems.From(result.Failure!);
        }

        metrics.Reservation("created");
        return TypedResults.Created($"/api/v1/reservations/{Uri.EscapeDataString(id)}", ReservationResponse.Of(result.Value));
    }

    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> Get(string id, IGrainFactory grains)
    {
        if (!RequestChecks.IsClientId(id)) return Problems.From(Failure.ReservationNotFound(id));
        var view = await grains.GetGrain<IReservationGrain>(id).GetAsync();
        return view is null ? Problems.From(Failure.ReservationNotFound(id)) : TypedResults.Ok(ReservationResponse.Of(view));
    }

    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> Commit(string id, HttpContext http, IGrainFactory grains, InventoryMetrics metrics)
    {
        if (!RequestChecks.IsClientId(id)) return Problems.From(Failure.ReservationNotFound(id));
        return Answer(await grains.GetGrain<IReservationGrain>(id).CommitAsync(UserActor.Of(http.User)), metrics, "committed");
    }

    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> Release(string id, HttpContext http, IGrainFactory grains, InventoryMetrics metrics)
    {
        if (!RequestChecks.IsClientId(id)) return Problems.From(Failure.ReservationNotFound(id));
        return Answer(await grains.GetGrain<IReservationGrain>(id).ReleaseAsync(UserActor.Of(http.User)), metrics, "released");
    }

    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> Extend(
        string id, ExtendRequest body, HttpContext http, IGrainFactory grains, InventoryMetrics metrics)
    {
        if (body.TtlSeconds is null) return Problems.Validation("ttlSeconds", "ttlSeconds is required.");
        if (!RequestChecks.IsClientId(id)) return Problems.From(Failure.ReservationNotFound(id));
        var result = await grains.GetGrain<IReservationGrain>(id).ExtendAsync(TimeSpan.FromSeconds(body.TtlSeconds.Value), UserActor.Of(http.User));
        return Answer(result, metrics, "extended");
    }

    private static Results<Ok<ReservationResponse>, ProblemHttpResult> Answer(Result<ReservationView> result, InventoryMetrics metrics, string outcome)
    {
        if (!result.IsSuccess) return Problems.From(result.Failure!);
        metrics.Reservation(outcome);
        return TypedResults.Ok(ReservationResponse.Of(result.Value));
    }
}
