using System.Diagnostics.Metrics;
using Inventory.Grains.Positions;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Inventory.Server.Infrastructure.Metrics;

/// <summary>
/// Metrics and traces through OpenTelemetry. Metrics: the service's meters ("Inventory", "Inventory.Grains"),
/// Orleans' ("Microsoft.Orleans"), ASP.NET Core's request metrics, the .NET runtime and Npgsql — scraped at
/// <c>/metrics</c> in Prometheus text, and pushed by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Traces
/// (HTTP requests, grain calls, SQL) only when OTLP is set: nobody else would read them.
/// </summary>
public static class Telemetry
{
    public const string ScrapePath = "/metrics";

    /// <summary>Orleans' meter and the activity sources of its grain calls.</summary>
    private const string OrleansMeter = "Microsoft.Orleans";
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>OTLP export is on when the standard variable (or the configuration key of that name) is set.</summary>
    public static bool OtlpEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static WebApplicationBuilder AddInventoryTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = OtlpEnabled(builder.Configuration);
        builder.Services.AddSingleton<InventoryMetrics>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("inventory")) // OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES override
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(InventoryMetrics.MeterName, CommitMetrics.MeterName, OrleansMeter)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddPrometheusExporter();
                if (otlp) metrics.AddOtlpExporter();
            });
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) =>
            metrics.AddView(OnlyThisHost(services.GetRequiredService<IMeterFactory>())));
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => http.Request.Path != ScrapePath)
                .AddNpgsql()
                .AddSource(OrleansSources)
                .AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>
    /// Meters are process-wide: where one process hosts several servers (the tests do), each server's exporter would
    /// also see the others' instruments, and a gauge would show whichever server answered last. Instruments made by
    /// another host's meter factory are dropped; meters made without one (Orleans', the runtime's) stay.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OnlyThisHost(IMeterFactory factory) =>
        instrument => instrument.Meter.Scope is IMeterFactory other && !ReferenceEquals(other, factory) ? MetricStreamConfiguration.Drop : null;

    /// <summary>The Prometheus scrape endpoint: anonymous, like a health probe.</summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(ScrapePath).AllowAnonymous();
        return app;
    }
}
