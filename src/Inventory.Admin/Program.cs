using Inventory.Admin;

return await AdminCli.RunAsync(args, AdminConsole.FromProcess());
