using System.Text.Json.Serialization;
using Inventory.Bench.Baseline.Model;
using Inventory.Tokens;
using Npgsql;

namespace Inventory.Bench.Baseline.Infrastructure;

public static class BaselineServiceExtensions
{
    /// <summary>
    /// One pooled <see cref="NpgsqlDataSource"/> over <c>ConnectionStrings:Baseline</c> and the bearer-token check
    /// over <c>Auth:SigningKey</c> (the same HS256 key and token shape the real server accepts).
    /// </summary>
    public static WebApplicationBuilder AddBaselineServices(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Baseline")
            ?? throw new InvalidOperationException("Set ConnectionStrings:Baseline (env ConnectionStrings__Baseline).");
        var signingKey = builder.Configuration["Auth:SigningKey"]
            ?? throw new InvalidOperationException("Set Auth:SigningKey (env Auth__SigningKey).");

        builder.Services.AddSingleton(_ =>
        {
            // The same driver settings as the real server: frequent statements prepared per connection.
            var dataSource = new NpgsqlDataSourceBuilder(connectionString);
            if (dataSource.ConnectionStringBuilder.MaxAutoPrepare == 0)
                dataSource.ConnectionStringBuilder.MaxAutoPrepare = 64;
            return dataSource.Build();
        });
        builder.Services.AddSingleton<BaselineSchema>();
        builder.Services.AddSingleton(new TokenService(TokenService.ParseKey(signingKey)
            ?? throw new InvalidOperationException($"Auth:SigningKey must hold at least {TokenService.MinimumKeyBytes} bytes.")));
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJsonContext.Default);
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        return builder;
    }
}
