namespace Inventory.Domain.Tests;

/// <summary>The ledger's stored names of entry types: one map, both ways, stable.</summary>
public class LedgerEntryTypesTests
{
    [Theory]
    [InlineData(LedgerEntryType.Received, "received")]
    [InlineData(LedgerEntryType.ReservationExtended, "reservation_extended")]
    [InlineData(LedgerEntryType.OrderCancelled, "order_cancelled")]
    [InlineData(LedgerEntryType.TransferShipped, "transfer_shipped")]
    [InlineData(LedgerEntryType.TransitLoss, "transit_loss")]
    public void Names_are_the_stored_lower_snake_case(LedgerEntryType type, string name)
    {
        Assert.Equal(name, LedgerEntryTypes.Name(type));
        Assert.Equal(type, LedgerEntryTypes.Parse(name));
    }

    [Fact]
    public void Every_type_round_trips_and_an_unknown_name_is_refused()
    {
        var types = Enum.GetValues<LedgerEntryType>();
        Assert.All(types, t => Assert.Equal(t, LedgerEntryTypes.Parse(LedgerEntryTypes.Name(t))));
        Assert.Equal(types.Length, types.Select(LedgerEntryTypes.Name).Distinct().Count());
        Assert.Throws<FormatException>(() => LedgerEntryTypes.Parse("Received"));
        Assert.Throws<FormatException>(() => LedgerEntryTypes.Parse("shipped"));
    }
}
