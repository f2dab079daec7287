namespace Juicebox.ClientApi.Webhooks;

internal sealed class JuiceboxWebhookOptionsValidator : IValidateOptions<JuiceboxWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, JuiceboxWebhookOptions options) =>
        options.WebhookSecret is { Length: > 0 } secret && (secret.Length < JuiceboxWebhookOptions.MinimumSecretLength || string.IsNullOrWhiteSpace(secret))
            ? ValidateOptionsResult.Fail(
                $"Juicebox:WebhookSecret must be at least {JuiceboxWebhookOptions.MinimumSecretLength} characters " +
                "(set Juicebox__WebhookSecret to the secret Juicebox signs its webhooks with, or leave it unset to turn the webhook off).")
            : ValidateOptionsResult.Success;
}
