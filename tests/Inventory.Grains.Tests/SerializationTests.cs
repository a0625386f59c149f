using System.Reflection;
using System.Text.Json;
using Inventory.Domain;
using Inventory.Domain.Reservations;
using Inventory.Grains.Positions;
using Inventory.Grains.Reservations;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Inventory.Grains.Tests;

/// <summary>
/// Every type that crosses a grain interface is an Orleans serializable type with a stable alias, and real values
/// survive Orleans' serializer unchanged (compared through their JSON form, which sees every member).
/// </summary>
public sealed class SerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Assembly[] Ours = [typeof(Actor).Assembly, typeof(IStockPositionGrain).Assembly];

    [Fact]
    public void Every_type_in_a_grain_interface_is_serializable_with_an_alias()
    {
        var interfaces = typeof(IStockPositionGrain).Assembly.GetTypes()
            .Where(t => t.IsInterface && t.Name.EndsWith("Grain", StringComparison.Ordinal) && t.Namespace!.StartsWith("Inventory.Grains", StringComparison.Ordinal));
        Assert.All(interfaces, i => Assert.NotNull(i.GetCustomAttribute<AliasAttribute>()));
        var seen = new HashSet<Type>();
        foreach (var method in interfaces.SelectMany(i => i.GetMethods()))
        {
            Visit(method.ReturnType, seen);
            foreach (var parameter in method.GetParameters()) Visit(parameter.ParameterType, seen);
        }
        Assert.True(seen.Count > 30, $"only {seen.Count} types found");
        var missing = seen.Where(t => t.IsEnum ? false : t.GetCustomAttribute<GenerateSerializerAttribute>() is null || t.GetCustomAttribute<AliasAttribute>() is null)
            .Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0, "not serializable: " + string.Join(", ", missing));
    }

    [Fact]
    public void Aliases_are_unique()
    {
        var aliases = Ours.SelectMany(a => a.GetTypes()).Where(t => t.Namespace?.StartsWith("OrleansCodeGen", StringComparison.Ordinal) != true) // not the generated proxies
            .Select(t => t.GetCustomAttribute<AliasAttribute>()?.Alias).OfType<string>().ToList();
        var repeated = aliases.GroupBy(a => a, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, "aliases used twice: " + string.Join(", ", repeated));
    }

    [Fact]
    public async Task Values_of_a_checkout_survive_a_round_trip()
    {
        await using var host = await GrainTestHost.StartAsync();
        await host.ReceiveAsync("W1", "A", 10, 2.5m);
        await host.Position("W1", "A").ReceiveAsync(new ReceiveStock(5, 3m, Lot: "L1", ExpiresOn: new DateOnly(2030, 1, 1)), GrainTestHost.Clerk);
        var cart = new CreateReservation([new ReservationLineRequest("W1", "A", 3), new ReservationLineRequest("W2", "B", 1)], TimeSpan.FromMinutes(5), "order-1");
        var refused = await host.Reservation("r-refused").CreateAsync(cart, GrainTestHost.Clerk);
        var created = await host.Reservation("r-1").CreateAsync(new CreateReservation([new ReservationLineRequest("W1", "A", 3)]), GrainTestHost.Clerk);
        var committed = await host.Reservation("r-1").CommitAsync(GrainTestHost.Clerk);
        var movement = await host.Position("W1", "A").ReceiveAsync(new ReceiveStock(1, 1m), GrainTestHost.Clerk);

        RoundTrips(cart);
        RoundTrips(refused); // a failure whose details hold the short lines
        RoundTrips(created);
        RoundTrips(committed);
        RoundTrips(movement);
        RoundTrips(await host.Position("W1", "A").GetAsync());
        RoundTrips(await host.Position("W1", "A").GetStockAsync());
        RoundTrips(await host.Position("W1", "A").GetSnapshotAsync());
        RoundTrips(await host.Position("W1", "A").GetValuationAsync());
        RoundTrips(await host.Reservation("r-1").GetAsync());
        RoundTrips(new StockCorrection(CorrectionKind.Count, 4, ExpectedOnHand: 12, Reference: "count-7"));
        RoundTrips(new Approval(100m, new Actor("boss", "manager")));
    }

    private static void RoundTrips<T>(Result<T> value)
    {
        var copy = Serializer.Deserialize<Result<T>>(Serializer.SerializeToArray(value));
        Assert.Equal(value.IsSuccess, copy.IsSuccess);
        Assert.Equal(Describe(value), Describe(copy));
        static string Describe(Result<T> r) => r.IsSuccess ? JsonSerializer.Serialize(r.Value, Json) : JsonSerializer.Serialize(r.Failure, Json);
    }

    private static void RoundTrips<T>(T value)
    {
        var copy = Serializer.Deserialize<T>(Serializer.SerializeToArray(value));
        Assert.Equal(JsonSerializer.Serialize(value, Json), JsonSerializer.Serialize(copy, Json));
    }

    private static void Visit(Type type, HashSet<Type> seen)
    {
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments()) Visit(argument, seen);
            if (type.GetGenericTypeDefinition() != typeof(Result<>)) return;
            type = type.GetGenericTypeDefinition();
        }
        if (type.IsArray) { Visit(type.GetElementType()!, seen); return; }
        if (type.IsGenericParameter) return;
        if (typeof(IAddressable).IsAssignableFrom(type)) return; // a grain or observer reference: Orleans serializes the reference
        if (!Ours.Contains(type.Assembly) || !seen.Add(type)) return;
        foreach (var member in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (member.GetIndexParameters().Length == 0) Visit(member.PropertyType, seen);
    }
}
