using Inventory.Bench.Baseline.Apis;
using Inventory.Bench.Baseline.Infrastructure;

// The row-lock baseline: the reservation endpoint of the inventory service done the usual way, for the benchmark.
var builder = WebApplication.CreateSlimBuilder(args);
builder.AddBaselineServices();

var app = builder.Build();
await app.Services.GetRequiredService<BaselineSchema>().CreateAsync(app.Lifetime.ApplicationStopping);
app.UseMiddleware<BearerTokenCheck>();
app.MapGet("/health", () => TypedResults.Text("ok"));
app.MapBaselineApi();
app.Run();
