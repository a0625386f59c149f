namespace Inventory.Domain;

/// <summary>What an issue of stock will draw from the cost layers and what it costs, decided before any state changes.</summary>
internal sealed record IssuePlan(IReadOnlyList<LayerDraw> Draws, decimal CostOfGoods);
