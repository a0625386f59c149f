using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Inventory.Events;
using Inventory.Grains;
using Inventory.Grains.Jobs;
using Inventory.Grains.Maintenance;
using Inventory.Grains.Positions;
using Inventory.Grains.Storage;
using Inventory.Queries;
using Inventory.Server.Apis;
using Inventory.Server.Application.Catalog;
using Inventory.Server.Application.Checks;
using Inventory.Server.Events;
using Inventory.Server.Infrastructure;
using Inventory.Server.Infrastructure.Auth;
using Inventory.Server.Infrastructure.Database;
using Inventory.Server.Infrastructure.Errors;
using Inventory.Server.Infrastructure.Health;
using Inventory.Server.Infrastructure.Idempotency;
using Inventory.Server.Infrastructure.Json;
using Inventory.Server.Infrastructure.Logging;
using Inventory.Server.Infrastructure.Metrics;
using Inventory.Storage.Postgres.Catalog;
using Inventory.Storage.Postgres.Hosting;
using Inventory.Storage.Postgres.Idempotency;
using Inventory.Storage.Postgres.Operations;
using Inventory.Tokens;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Dashboard;

namespace Inventory.Server.Hosting;

public static class InventoryHostingExtensions
{
    /// <summary>
    /// Everything the service needs: the database (embedded when ConnectionStrings:Inventory is empty — started here,
    /// because the stores need its connection string), the Orleans silo in-process, catalog, auth, errors, health,
    /// metrics, OpenAPI and JSON logs.
    /// </summary>
    public static WebApplicationBuilder AddInventory(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            // Readable messages: no \u escapes for quotes, '<' or non-ASCII in user-visible text.
            o.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        });
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = InventoryLimits.MaxRequestBodyBytes);

        var dataDirectory = DataDirectory.Resolve(configuration);
        var database = InventoryDatabase.StartAsync(configuration).GetAwaiter().GetResult();
        services.AddSingleton(database);
        // First hosted service: migrates and loads the catalog before the silo starts; stops the database last.
        services.AddHostedService<DatabaseLifetime>();

        var tokens = new TokenService(SigningKey.Resolve(configuration, dataDirectory));
        services.AddSingleton(tokens);
        services.AddBearerAuthentication(configuration, tokens);
        services.AddAuthorization(Policies.Add);

        // The Orleans silo, in this process (its settings: the "Orleans" section); registered after DatabaseLifetime,
        // so it starts after the migrations and stops before the database.
        OrleansHosting.UseServiceDatabaseForClustering(builder.Configuration, database.ConnectionString);
        builder.UseOrleans(silo =>
        {
            OrleansHosting.Configure(silo, configuration);
            silo.AddLedgerStreams();
        });
        services.AddInventoryGrains()
            .AddExpirySweep()
            .AddStockOperations(o => configuration.GetSection("Inventory:Approvals").Bind(o))
            .AddInFlightRecovery()
            .AddSerialsAndWorkOrders();
        services.AddInventoryPostgres(database.ConnectionString);
        services.AddStockOperationsPostgres();
        services.Replace(ServiceDescriptor.Singleton<IPositionDefaults, CatalogPositionDefaults>());
        services.AddSingleton(sp => new Reconciler(sp.GetRequiredService<IStockPositionStore>(), sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<IReservationStore>(), sp.GetRequiredService<TimeProvider>()));

        services.AddSingleton<CatalogRepository>();
        services.AddSingleton<StockQueries>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<InventoryCatalog>();
        if (OrleansHosting.IsCluster(configuration))
            services.AddHostedService<CatalogChangeListener>();

        builder.AddInventoryTelemetry();
        services.AddHostedService<LedgerMovementCounter>();
        services.AddClusterJob<IdempotencyKeyPurge>();
        services.AddHostedService<StartupBanner>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthResponses.ReadyTag]);
        services.AddOpenApi();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemCustomization.Customize);
        // Malformed JSON and unbindable parameters throw, so they become VALIDATION_FAILED problems, not bare 400s.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Ambiguous bodies are refused, not guessed: a property named twice or unknown, an enum given as a number, a
        // number that a decimal could only hold rounded.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow; // a misspelt field is not silently dropped
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
            o.SerializerOptions.Converters.Add(new ExactDecimalConverter());
        });
        builder.AddInventoryChecks();
        builder.AddLiveEvents();
        return builder;
    }

    /// <summary>The middleware pipeline and every endpoint, in the order a request meets them.</summary>
    public static WebApplication MapInventoryApis(this WebApplication app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseMiddleware<ExceptionProblemMiddleware>();
        app.UseStatusCodePages();
        var orleansDashboard = OrleansHosting.DashboardEnabled(app.Configuration);
        if (orleansDashboard)
            app.UseMiddleware<OrleansDashboardAccess>(); // only then: no request pays for a page that is not served
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapOpenApi().AllowAnonymous();
        app.MapInventoryHealth();
        app.MapMetrics();

        app.MapCatalogApi();
        app.MapStockApi();
        app.MapReservationsApi();
        app.MapTransfersApi();
        app.MapStockStatesApi();
        app.MapApprovalsApi();
        app.MapReportsApi();
        app.MapSerialsApi();
        app.MapAnalyticsApi();
        app.MapWorkOrdersApi();
        app.MapAdminApi();
        app.MapAdminInspectApi();
        app.MapLiveEvents();
        if (orleansDashboard)
            app.MapOrleansDashboard(routePrefix: OrleansDashboardAccess.Path).RequireAuthorization(Policies.Admin);
        return app;
    }
}
