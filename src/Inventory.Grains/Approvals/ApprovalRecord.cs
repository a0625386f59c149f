using System.Text.Json.Serialization;
using Inventory.Domain;

namespace Inventory.Grains.Approvals;

/// <summary>The persisted state of one correction waiting for (or past) a manager's decision.</summary>
[GenerateSerializer, Alias("inv.ApprovalRecord"), Immutable]
public sealed record ApprovalRecord(
    string Id,
    ApprovalSubmission Submission,
    ApprovalStatus Status,
    Actor RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset UpdatedAt,
    Actor? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? Note = null,
    decimal? CostOfGoods = null,
    string? LastFailureCode = null,
    string? LastFailureMessage = null)
{
    /// <summary>The request id of the approved correction at the position: the ledger row carries it.</summary>
    [JsonIgnore]
    public string RequestId => "approval:" + Id;

    public static string StatusName(ApprovalStatus status) => status.ToString().ToLowerInvariant();
}
