namespace Inventory.Grains;
internal static class AssemblyMarker { }
