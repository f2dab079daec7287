namespace Juicebox.EndToEnd.Tests.Deployment;

/// <summary>
/// <c>docker-compose.yml</c> as <c>docker-compose config</c> reads it (no Docker engine runs here; the
/// same topology runs as processes in <see cref="ClusterScriptTests"/>), and the nginx configuration
/// of its reverse proxy.
/// </summary>
public sealed class DockerComposeTests(DockerComposeTests.RenderedCompose rendered) : IClassFixture<DockerComposeTests.RenderedCompose>
{
    private static readonly TimeSpan _composeTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] _silos = ["silo-1", "silo-2", "silo-3"];
    private static readonly string[] _clientApis = ["client-api-1", "client-api-2"];
    private static readonly string[] _hosts = [.. _silos, .. _clientApis];

    private static readonly string[] _requiredSecrets = ["POSTGRES_PASSWORD", "API_KEY", "OPERATOR_KEY", "SUPPRESSION_KEY"];

    /// <summary>Settings that carry a secret, by name: compose must take each from the environment.</summary>
    private static readonly string[] _secretSettings =
        ["POSTGRES_PASSWORD", "ConnectionStrings__Postgres", "Api__Keys__0", "Api__OperatorKeys__0", "Juicebox__ApiKey", "Privacy__SuppressionKey"];

    [Fact]
    public void Config_DescribesPostgresSchemaSandboxThreeSilosTwoClientApisAndAProxy()
    {
        var config = rendered.Config;

        Assert.Equal(
            ["client-api-1", "client-api-2", "postgres", "proxy", "sandbox", "schema", "silo-1", "silo-2", "silo-3"],
            config.Services.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["--migrate-only"], config["schema"].Command);
        Assert.Equal(config["silo-1"].Image, config["schema"].Image);
        Assert.All(_silos, silo => Assert.Equal("Juicebox.Silo", config[silo].BuildArgument("ASSEMBLY")));
        Assert.All(_clientApis, api => Assert.Equal("Juicebox.ClientApi", config[api].BuildArgument("ASSEMBLY")));
        Assert.Equal("Juicebox.Sandbox", config["sandbox"].BuildArgument("ASSEMBLY"));
        Assert.All(_silos, silo =>
        {
            var environment = config[silo].Environment;
            Assert.Equal("http://sandbox:8080/v1", environment["Juicebox__BaseUrl"]);
            Assert.Equal(("11111", "30000"), (environment["Orleans__SiloPort"], environment["Orleans__GatewayPort"]));
            // Resolved to the container's own address when the silo starts (deploy/docker-entrypoint.sh).
            Assert.False(environment.ContainsKey("Orleans__AdvertisedIPAddress"), $"{silo} must advertise its own container address, not a fixed one.");
        });
        Assert.All(_hosts.Append("schema"), host => Assert.Equal(
            "Host=postgres;Database=juicebox;Username=juicebox;Password=postgres-password-a",
            config[host].Environment["ConnectionStrings__Postgres"]));
    }

    [Fact]
    public void Config_GivesEveryServiceARestartPolicy_AndEveryLongRunningOneAHealthCheck()
    {
        var config = rendered.Config;

        Assert.All(config.Services.Values.Where(service => service.Name != "schema"), service =>
        {
            Assert.Equal("unless-stopped", service.Restart);
            Assert.NotEmpty(service.HealthCheck);
        });
        // The one-shot migration must not loop; it has nothing to be healthy about once it has exited.
        Assert.Equal("no", config["schema"].Restart);
        Assert.Empty(config["schema"].HealthCheck);
        Assert.Equal(["CMD-SHELL", "pg_isready -h 127.0.0.1 -U juicebox -d juicebox"], config["postgres"].HealthCheck);
    }

    [Fact]
    public void Config_ChecksEachHostsHealthWithItsOwnAssemblysProbe_OnTheHostsOwnPort()
    {
        var config = rendered.Config;

        foreach (var host in _hosts.Append("sandbox"))
        {
            var service = config[host];
            var path = host switch
            {
                "sandbox" => "/v1/health",
                _ when _silos.Contains(host) => "/health/live",
                _ => "/health/ready",
            };
            Assert.Equal(["CMD", "dotnet", $"{service.BuildArgument("ASSEMBLY")}.dll", "--probe", $"http://127.0.0.1:{service.HttpPort}{path}"], service.HealthCheck);
        }
    }

    [Fact]
    public void Config_StartsTheHostsAfterTheSchemaIsApplied_AndTheClientApisAfterHealthySilos()
    {
        var config = rendered.Config;

        Assert.Equal(new Dictionary<string, string> { ["postgres"] = "service_healthy" }, config["schema"].DependsOn);
        Assert.All(_hosts, host => Assert.Equal("service_completed_successfully", config[host].DependsOn["schema"]));
        Assert.All(_silos, silo => Assert.Equal("service_healthy", config[silo].DependsOn["sandbox"]));
        Assert.All(_clientApis, api => Assert.All(_silos, silo => Assert.Equal("service_healthy", config[api].DependsOn[silo])));
        Assert.Equal(
            new Dictionary<string, string> { ["client-api-1"] = "service_healthy", ["client-api-2"] = "service_healthy" },
            config["proxy"].DependsOn);
    }

    [Fact]
    public void Config_PublishesOnlyTheProxy_WhichRoundRobinsOverBothClientApis()
    {
        var config = rendered.Config;
        var nginx = NginxConfig.Load(Path.Combine(RepositoryLayout.Root, "deploy", "nginx", "nginx.conf"));

        Assert.Equal([("8080", "80")], config["proxy"].Ports);
        Assert.All(config.Services.Values.Where(service => service.Name != "proxy"), service => Assert.Empty(service.Ports));
        Assert.Contains($"{Path.Combine(RepositoryLayout.Root, "deploy", "nginx", "nginx.conf")}:/etc/nginx/nginx.conf:ro", config["proxy"].Volumes);

        var upstream = Assert.Single(nginx.ProxyPassTargets.Distinct());
        Assert.Equal(_clientApis.Select(api => $"{api}:{config[api].HttpPort}"), nginx.UpstreamServers(upstream));
        Assert.DoesNotContain("ip_hash", nginx.Block($"upstream {upstream}"), StringComparison.Ordinal);
        Assert.DoesNotContain("least_conn", nginx.Block($"upstream {upstream}"), StringComparison.Ordinal);
        var server = nginx.Block("server");
        Assert.True(NginxConfig.HasDirective(server, "listen 80"), server);
        Assert.True(NginxConfig.HasDirective(server, "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for"), server);
        Assert.True(NginxConfig.HasDirective(server, "proxy_set_header X-Forwarded-Proto $scheme"), server);
        Assert.True(NginxConfig.HasDirective(server, "proxy_set_header X-Forwarded-Host $http_host"), server);
        Assert.All(_clientApis, api => Assert.Equal("true", config[api].Environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]));
    }

    [Fact]
    public void Nginx_StreamsEnrichmentEventsUnbuffered()
    {
        var nginx = NginxConfig.Load(Path.Combine(RepositoryLayout.Root, "deploy", "nginx", "nginx.conf"));

        var events = nginx.Block(@"location ~ ^/api/v1/enrichments/[^/]+/events$");
        Assert.True(NginxConfig.HasDirective(events, "proxy_buffering off"), events);
        Assert.Matches(@"^/api/v1/enrichments/[^/]+/events$", "/api/v1/enrichments/0f8fad5b-d9cb-469f-a165-70867728950e/events");
        Assert.True(NginxConfig.HasDirective(nginx.Block("location /"), "proxy_pass http://client_api"));
        Assert.False(NginxConfig.HasDirective(nginx.Block("location /"), "proxy_buffering off"), "only the event stream should bypass nginx's buffers");
    }

    [Fact]
    public async Task Config_TakesEverySecretFromTheEnvironment()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var withSandbox = rendered.Config;
        var withUpstream = await RenderAsync(
            new Dictionary<string, string?>(Secrets("b")) { ["JUICEBOX_BASE_URL"] = "https://upstream.invalid/v1", ["JUICEBOX_API_KEY"] = "juicebox-key-b" },
            cancellationToken);

        var checkedSettings = 0;
        foreach (var (config, suffix) in new[] { (withSandbox, "a"), (withUpstream, "b") })
        {
            foreach (var service in config.Services.Values)
            {
                foreach (var (name, value) in service.Environment.Where(setting => _secretSettings.Contains(setting.Key)))
                {
                    checkedSettings++;
                    // Without JUICEBOX_API_KEY the silos use a public key of the sandbox, which is no secret.
                    var expected = name == "Juicebox__ApiKey" && suffix == "a" ? "sb_business" : $"-{suffix}";
                    Assert.True(value.EndsWith(expected, StringComparison.Ordinal), $"{service.Name}: {name} is not taken from the environment.");
                }
            }
        }

        Assert.Equal(2 * (1 + 6 + 2 * 2 + 3 + 3), checkedSettings);
    }

    [Theory]
    [InlineData("POSTGRES_PASSWORD")]
    [InlineData("API_KEY")]
    [InlineData("OPERATOR_KEY")]
    [InlineData("SUPPRESSION_KEY")]
    public async Task Config_WithoutARequiredSecret_FailsAndNamesIt(string missing)
    {
        var environment = new Dictionary<string, string?>(Secrets("a")) { [missing] = null };

        var result = await RunComposeConfigAsync(environment, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"set {missing}", result.Output, StringComparison.Ordinal);
    }

    /// <summary>The file rendered once for the class, with the required secrets and nothing else set.</summary>
    public sealed class RenderedCompose : IAsyncLifetime
    {
        private ComposeConfig? _config;

        public ComposeConfig Config => _config ?? throw new InvalidOperationException("docker-compose config did not run.");

        public async ValueTask InitializeAsync() => _config = await RenderAsync(Secrets("a"), TestContext.Current.CancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static IReadOnlyDictionary<string, string?> Secrets(string suffix) => new Dictionary<string, string?>
    {
        ["POSTGRES_PASSWORD"] = $"postgres-password-{suffix}",
        ["API_KEY"] = $"client-api-key-{suffix}",
        ["OPERATOR_KEY"] = $"operator-key-{suffix}",
        ["SUPPRESSION_KEY"] = $"suppression-key-0123456789abcdef-{suffix}",
        ["JUICEBOX_WEBHOOK_SECRET"] = null,
        ["JUICEBOX_BASE_URL"] = null,
        ["JUICEBOX_API_KEY"] = null,
        ["PROXY_PORT"] = null,
    };

    private static async Task<ComposeConfig> RenderAsync(IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var result = await RunComposeConfigAsync(environment, cancellationToken);
        Assert.True(result.ExitCode == 0, $"docker-compose config failed with {result}");
        return ComposeConfig.Parse(result.Output);
    }

    private static async Task<CommandResult> RunComposeConfigAsync(IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var file = Path.Combine(RepositoryLayout.Root, "docker-compose.yml");
        // Whatever the machine has set must not leak into the file's variables.
        var isolated = new Dictionary<string, string?>(environment)
        {
            ["COMPOSE_FILE"] = null,
            ["COMPOSE_PROJECT_NAME"] = null,
            ["COMPOSE_PROFILES"] = null,
        };
        try
        {
            return await CommandLine.RunAsync(
                "docker-compose", ["--project-directory", RepositoryLayout.Root, "-f", file, "config"], isolated, _composeTimeout, cancellationToken);
        }
        catch (InvalidOperationException exception)
        {
            throw new InvalidOperationException(
                "docker-compose is not installed: run scripts/ensure-docker-compose.sh (./test.sh does), or 'sudo apt-get install -y docker-compose'.",
                exception);
        }
    }
}
