namespace Inventory.Runtime;
internal static class AssemblyMarker { }
