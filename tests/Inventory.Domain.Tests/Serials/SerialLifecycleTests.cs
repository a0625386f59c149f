using Inventory.Domain.Serials;

namespace Inventory.Domain.Tests.Serials;

/// <summary>The whole 4 x 4 table of the serial lifecycle, and what a decision does with references and repeats.</summary>
public class SerialLifecycleTests
{
    private static readonly Actor Clerk = new("clerk", "sales_staff");
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<SerialStatus, SerialStatus, bool> Table()
    {
        var allowed = new HashSet<(SerialStatus, SerialStatus)>
        {
            (SerialStatus.Available, SerialStatus.Reserved),
            (SerialStatus.Available, SerialStatus.Sold),
            (SerialStatus.Reserved, SerialStatus.Available),
            (SerialStatus.Reserved, SerialStatus.Sold),
            (SerialStatus.Sold, SerialStatus.Delivered),
        };
        var data = new TheoryData<SerialStatus, SerialStatus, bool>();
        foreach (var from in Enum.GetValues<SerialStatus>())
        {
            foreach (var to in Enum.GetValues<SerialStatus>())
                data.Add(from, to, allowed.Contains((from, to)));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Every_pair_of_statuses_is_allowed_or_refused_as_the_table_says(SerialStatus from, SerialStatus to, bool allowed)
    {
        var item = Item(from);

        var decision = item.Decide(to, reference: null);

        Assert.Equal(allowed, SerialLifecycle.IsAllowed(from, to));
        if (allowed)
        {
            Assert.True(decision.IsSuccess);
            Assert.False(decision.Value);
            var (moved, transition) = item.Move(to, "test", "INV-1", Clerk, T0, null, null);
            Assert.Equal((to, 2L, (SerialStatus?)from, to), (moved.Status, moved.Sequence, transition.From, transition.To));
        }
        else
        {
            var failure = decision.Failure!;
            Assert.Equal(ErrorCodes.InvalidTransition, failure.Code);
            Assert.Equal(SerialLifecycle.Name(from), failure.Details!["from"]);
            Assert.Equal(SerialLifecycle.Name(to), failure.Details!["to"]);
            Assert.Throws<InvalidOperationException>(() => item.Move(to, "test", null, Clerk, T0, null, null));
        }
    }

    [Fact]
    public void Exactly_five_transitions_are_allowed()
    {
        Assert.Equal(5, SerialLifecycle.Transitions.Count);
    }

    [Fact]
    public void Repeating_the_last_move_with_the_same_reference_is_a_replay()
    {
        var reserved = Item(SerialStatus.Reserved) with { Reference = "INV-1" };

        Assert.True(reserved.Decide(SerialStatus.Reserved, "INV-1").Value);
        Assert.Equal(ErrorCodes.InvalidTransition, reserved.Decide(SerialStatus.Reserved, "INV-2").Failure!.Code);
        Assert.Equal(ErrorCodes.InvalidTransition, reserved.Decide(SerialStatus.Reserved, null).Failure!.Code);
    }

    [Fact]
    public void Only_the_reserving_reference_may_cancel_or_pay_a_reserved_item()
    {
        var reserved = Item(SerialStatus.Reserved) with { Reference = "INV-1" };

        Assert.Equal(SerialErrorCodes.SerialReferenceMismatch, reserved.Decide(SerialStatus.Available, "INV-2").Failure!.Code);
        Assert.Equal(SerialErrorCodes.SerialReferenceMismatch, reserved.Decide(SerialStatus.Sold, "INV-2").Failure!.Code);
        Assert.False(reserved.Decide(SerialStatus.Sold, "INV-1").Value);
        Assert.False(reserved.Decide(SerialStatus.Available, null).Value);
    }

    [Fact]
    public void Registration_starts_available_with_its_first_history_entry()
    {
        var (item, transition) = SerialItem.Register("SKU", "SN-1", "MAIN", "rcpt-1", "PO-7", Clerk, T0);

        Assert.Equal((SerialStatus.Available, 1L, "MAIN", "rcpt-1"), (item.Status, item.Sequence, item.Warehouse, item.ReceiptId));
        Assert.Equal((1L, (SerialStatus?)null, SerialStatus.Available, "registered", "PO-7", "clerk", "sales_staff"),
            (transition.Sequence, transition.From, transition.To, transition.Reason, transition.Reference, transition.User, transition.Role));
    }

    private static SerialItem Item(SerialStatus status) =>
        SerialItem.Register("SKU", "SN-1", "MAIN", "rcpt-1", null, Clerk, T0).Item with { Status = status };
}
