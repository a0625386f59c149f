using Inventory.Domain.Serials;
using Inventory.Server.Infrastructure.Auth;

namespace Inventory.Server.Application.Serials;

/// <summary>The invoice and order events that drive serial items, the status each leads to and who may send it.</summary>
public static class SerialEventTypes
{
    public const string InvoiceCreated = "invoice.created";
    public const string InvoiceCancelled = "invoice.cancelled";
    public const string InvoicePaid = "invoice.paid";
    public const string OrderDelivered = "order.delivered";

    public static readonly IReadOnlyDictionary<string, (SerialStatus To, string Policy)> All =
        new Dictionary<string, (SerialStatus, string)>(StringComparer.Ordinal)
        {
            [InvoiceCreated] = (SerialStatus.Reserved, Policies.SellSerials),
            [InvoiceCancelled] = (SerialStatus.Available, Policies.SellSerials),
            [InvoicePaid] = (SerialStatus.Sold, Policies.SellSerials),
            [OrderDelivered] = (SerialStatus.Delivered, Policies.DeliverSerials),
        };

    /// <summary>Who may move a serial to <paramref name="to"/> directly: delivering is the warehouse's, the rest sales'.</summary>
    public static string PolicyFor(SerialStatus to) =>
        to == SerialStatus.Delivered ? Policies.DeliverSerials : Policies.SellSerials;
}
