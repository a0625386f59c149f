using Inventory.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
if (await InventoryCommands.TryRunAsync(builder, args) is { } exitCode)
    return exitCode;

builder.AddInventory();
var app = builder.Build();
app.MapInventoryApis();
await app.RunAsync();
return 0;
