namespace Inventory.Storage.Postgres;

internal static class AssemblyMarker { }
