using System.Globalization;
using static Juicebox.EndToEnd.Tests.Deployment.KubernetesManifests;

namespace Juicebox.EndToEnd.Tests.Deployment;

/// <summary>
/// <c>deploy/kubernetes</c> without a cluster: <c>kubectl kustomize</c> renders the base and the
/// three-silo overlay, the rendered objects validate against the Kubernetes API schemas (the
/// kubernetes-models npm package, installed by scripts/ensure-kubernetes-models.sh), and they say what
/// docker-compose.yml says: the same settings, secrets only by reference, grace longer than the
/// hosts' shutdown timeout.
/// </summary>
public sealed class KubernetesDeploymentTests(KubernetesDeploymentTests.RenderedOverlay rendered, DockerComposeTests.RenderedCompose compose)
    : IClassFixture<KubernetesDeploymentTests.RenderedOverlay>, IClassFixture<DockerComposeTests.RenderedCompose>
{
    private const string Overlay = "overlays/three-silos";
    private const string Silo = "juicebox-silo";
    private const string ClientApi = "juicebox-client-api";
    private static readonly TimeSpan _commandTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The compose settings that are no secret and that every host gets in both deployments.</summary>
    private static readonly string[] _sharedSettings = ["Orleans__ClusterId", "Orleans__ServiceId", "Orleans__SiloPort", "Orleans__GatewayPort", "Hosting__ShutdownTimeout"];

    private static readonly string[] _secretSettings = ["ConnectionStrings__Postgres", "Api__Keys__0", "Api__OperatorKeys__0", "Juicebox__ApiKey"];

    [Theory]
    [InlineData("base")]
    [InlineData(Overlay)]
    public async Task Kustomize_Renders_AndEveryObjectValidatesAgainstTheKubernetesSchemas(string folder)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var yaml = await RenderAsync(folder, cancellationToken);

        var validation = await ValidateAsync(yaml, cancellationToken);

        Assert.True(validation.ExitCode == 0, $"The rendered objects of {folder} do not validate: {validation}");
        var objects = Parse(yaml).Objects.Count;
        Assert.Contains($"{objects} valid, 0 invalid", validation.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validator_RejectsAnObjectThatBreaksItsSchema()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var broken = rendered.Yaml.Replace("terminationGracePeriodSeconds: 35", "terminationGracePeriodSeconds: soon", StringComparison.Ordinal);
        Assert.NotEqual(rendered.Yaml, broken);

        var validation = await ValidateAsync(broken, cancellationToken);

        Assert.NotEqual(0, validation.ExitCode);
        Assert.Contains("terminationGracePeriodSeconds must be integer", validation.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlay_RunsThreeSilosAndTwoClientApis_WithABudgetAndAServiceForTheApi()
    {
        var manifests = rendered.Manifests;

        Assert.Equal("3", Text(manifests.Get("Deployment", Silo), "spec", "replicas"));
        Assert.Equal("2", Text(manifests.Get("Deployment", ClientApi), "spec", "replicas"));
        foreach (var name in new[] { Silo, ClientApi })
        {
            var budget = manifests.Get("PodDisruptionBudget", name);
            Assert.Equal("1", Text(budget, "spec", "maxUnavailable"));
            Assert.Equal(name, Text(budget, "spec", "selector", "matchLabels", "app.kubernetes.io/name"));
            Assert.Equal(name, Text(manifests.Get("Deployment", name), "spec", "template", "metadata", "labels", "app.kubernetes.io/name"));
            Assert.Equal("0", Text(manifests.Get("Deployment", name), "spec", "strategy", "rollingUpdate", "maxUnavailable"));
        }

        var service = manifests.Get("Service", "juicebox-api");
        Assert.Equal(ClientApi, Text(service, "spec", "selector", "app.kubernetes.io/name"));
        Assert.Equal("http", Text(Items(service, "spec", "ports").Single(), "targetPort"));
    }

    [Fact]
    public void Deployments_ProbeTheHealthEndpoints_AndGiveMoreGraceThanTheShutdownTimeoutAndThePreStopPause()
    {
        var manifests = rendered.Manifests;
        var timeout = ShutdownTimeout(manifests);

        foreach (var name in new[] { Silo, ClientApi })
        {
            var pod = Node(manifests.Get("Deployment", name), "spec", "template", "spec")!;
            var container = Items(pod, "containers").Single();
            Assert.Equal("/health/live", Text(container, "livenessProbe", "httpGet", "path"));
            Assert.Equal("/health/ready", Text(container, "readinessProbe", "httpGet", "path"));
            Assert.Equal("/health/live", Text(container, "startupProbe", "httpGet", "path"));
            var preStop = int.Parse(Text(container, "lifecycle", "preStop", "sleep", "seconds")!, CultureInfo.InvariantCulture);
            var grace = int.Parse(Text(pod, "terminationGracePeriodSeconds")!, CultureInfo.InvariantCulture);
            Assert.True(
                grace > timeout.TotalSeconds + preStop,
                $"{name}: terminationGracePeriodSeconds {grace} must exceed Hosting__ShutdownTimeout ({timeout.TotalSeconds} s) plus the preStop pause ({preStop} s).");
            Assert.NotNull(Text(container, "resources", "requests", "memory"));
            Assert.NotNull(Text(container, "resources", "limits", "memory"));
        }
    }

    [Fact]
    public void Compose_GivesEveryHostMoreStopGraceThanItsShutdownTimeout()
    {
        var hosts = compose.Config.Services.Values.Where(service => service.Name.StartsWith("silo-", StringComparison.Ordinal) || service.Name.StartsWith("client-api-", StringComparison.Ordinal)).ToList();

        Assert.Equal(5, hosts.Count);
        Assert.All(hosts, host =>
        {
            var timeout = TimeSpan.Parse(host.Environment["Hosting__ShutdownTimeout"], CultureInfo.InvariantCulture);
            var grace = ComposeDuration(host.StopGracePeriod ?? throw new Xunit.Sdk.XunitException($"{host.Name} has no stop_grace_period (compose's default is 10 s)."));
            Assert.True(grace > timeout, $"{host.Name}: stop_grace_period {grace} must exceed Hosting__ShutdownTimeout {timeout}.");
        });
    }

    [Fact]
    public void Deployments_HaveComposesSettings_AndTakeEverySecretByReferenceOnly()
    {
        var manifests = rendered.Manifests;
        var settings = manifests.Get("ConfigMap", "juicebox-settings");

        Assert.Empty(manifests.OfKind("Secret"));
        foreach (var setting in _sharedSettings)
        {
            Assert.Equal(compose.Config["silo-1"].Environment[setting], Text(settings, "data", setting));
        }

        Assert.Equal(compose.Config["client-api-1"].Environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"], Text(settings, "data", "ASPNETCORE_FORWARDEDHEADERS_ENABLED"));
        var references = 0;
        foreach (var workload in manifests.OfKind("Deployment").Concat(manifests.OfKind("Job")))
        {
            var container = Items(workload, "spec", "template", "spec", "containers").Single();
            // kustomize appends a hash of the content to a generated name.
            Assert.StartsWith("juicebox-settings-", Text(Items(container, "envFrom").Single(), "configMapRef", "name"), StringComparison.Ordinal);
            foreach (var variable in Items(container, "env").Where(item => _secretSettings.Contains(Text(item, "name"))))
            {
                references++;
                Assert.Null(Text(variable, "value"));
                Assert.Equal("juicebox-secrets", Text(variable, "valueFrom", "secretKeyRef", "name"));
            }
        }

        // Silo: connection string and upstream key; client-api: connection string and two keys; the Job: the connection string.
        Assert.Equal(2 + 3 + 1, references);
    }

    [Fact]
    public void Silo_TurnsOnOrleansKubernetesHosting_WithThePodsIdentityAndTheLabelsItWatches()
    {
        var manifests = rendered.Manifests;
        var template = Node(manifests.Get("Deployment", Silo), "spec", "template")!;
        var container = Items(template, "spec", "containers").Single();
        var environment = Items(container, "env").ToDictionary(item => Text(item, "name")!);

        Assert.Equal("true", Text(environment["Orleans__Kubernetes__Enabled"], "value"));
        Assert.Equal("metadata.name", Text(environment["POD_NAME"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("metadata.namespace", Text(environment["POD_NAMESPACE"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("status.podIP", Text(environment["POD_IP"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("status.podIP", Text(environment["Orleans__AdvertisedIPAddress"], "valueFrom", "fieldRef", "fieldPath"));
        var settings = manifests.Get("ConfigMap", "juicebox-settings");
        Assert.Equal(Text(settings, "data", "Orleans__ServiceId"), Text(template, "metadata", "labels", "orleans/serviceId"));
        Assert.Equal(Text(settings, "data", "Orleans__ClusterId"), Text(template, "metadata", "labels", "orleans/clusterId"));
        Assert.Equal("juicebox-silo", Text(template, "spec", "serviceAccountName"));
        var rule = Items(manifests.Get("Role", "juicebox-silo-pods"), "rules").Single();
        Assert.Equal("pods", Assert.IsType<YamlDotNet.RepresentationModel.YamlSequenceNode>(Node(rule, "resources")).Children.Single().ToString());
    }

    private static TimeSpan ShutdownTimeout(KubernetesManifests manifests) =>
        TimeSpan.Parse(Text(manifests.Get("ConfigMap", "juicebox-settings"), "data", "Hosting__ShutdownTimeout")!, CultureInfo.InvariantCulture);

    /// <summary>A compose duration such as <c>30s</c>, <c>1m30s</c> or <c>500ms</c>.</summary>
    private static TimeSpan ComposeDuration(string text)
    {
        var total = TimeSpan.Zero;
        foreach (System.Text.RegularExpressions.Match part in System.Text.RegularExpressions.Regex.Matches(text, @"(\d+)(ms|h|m|s)"))
        {
            var value = int.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                _ => TimeSpan.FromMilliseconds(value),
            };
        }

        return total;
    }

    private static async Task<string> RenderAsync(string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(RepositoryLayout.Root, "deploy", "kubernetes", folder);
        var result = await CommandLine.RunAsync("kubectl", ["kustomize", path], new Dictionary<string, string?>(), _commandTimeout, cancellationToken);
        Assert.True(result.ExitCode == 0, $"kubectl kustomize {folder} failed with {result}");
        return result.Output;
    }

    private static async Task<CommandResult> ValidateAsync(string yaml, CancellationToken cancellationToken)
    {
        var validator = Path.Combine(RepositoryLayout.Root, "deploy", "kubernetes", "validate");
        Assert.True(
            Directory.Exists(Path.Combine(validator, "node_modules", "kubernetes-models")),
            "The schema validator is not installed: run scripts/ensure-kubernetes-models.sh (./test.sh does).");
        var file = Path.Combine(Path.GetTempPath(), $"juicebox-k8s-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml, cancellationToken);
        try
        {
            return await CommandLine.RunAsync(
                "bash", ["-c", $"cd '{validator}' && node validate.mjs < '{file}'"], new Dictionary<string, string?>(), _commandTimeout, cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The three-silo overlay rendered once for the class.</summary>
    public sealed class RenderedOverlay : IAsyncLifetime
    {
        private string? _yaml;

        public string Yaml => _yaml ?? throw new InvalidOperationException("kubectl kustomize did not run.");

        public KubernetesManifests Manifests => Parse(Yaml);

        public async ValueTask InitializeAsync() => _yaml = await RenderAsync(Overlay, TestContext.Current.CancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
